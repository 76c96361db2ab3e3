import { randomUUID } from 'node:crypto';
import { publishPresence, watchPresenter } from '../../client/editor/presenter';
import { collabSuite, waitFor } from '../collab/clients';

const t = collabSuite();
const open = (documentId: string, token: string) => t.open(documentId, token);

describe("following the presenter's place", () => {
  it('reaches the others through the server, and only the presenter (as the session names it) steers', async () => {
    const id = await t.env.newDocument();
    const meetingId = randomUUID();
    const [presenter, impostor, follower] = await Promise.all([
      open(id, t.env.cast.drafter.token),
      open(id, t.env.cast.reviewer.token),
      open(id, t.env.cast.headA.token),
    ]);
    const places: (string | null)[] = [];
    const stop = watchPresenter(
      follower.provider.awareness,
      meetingId,
      { name: t.env.cast.drafter.name, agency: t.env.cast.bureau.code },
      (clauseId) => places.push(clauseId),
    );

    // The client writes whatever name it likes; the server writes the session's.
    presenter.provider.awareness.setLocalStateField('user', { name: '?', agency: '?' });
    publishPresence(presenter.provider.awareness, { id: meetingId, clauseId: 'pasal-7' });
    await waitFor(() => places.at(-1) === 'pasal-7', 'the presenter’s place');

    // A reviewer claiming the presenter's name and agency is rewritten, so it steers nobody.
    impostor.provider.awareness.setLocalStateField('user', {
      name: t.env.cast.drafter.name,
      agency: t.env.cast.bureau.code,
    });
    publishPresence(impostor.provider.awareness, { id: meetingId, clauseId: 'pasal-1' });
    const seenImpostor = () =>
      follower.provider.awareness.getStates().get(impostor.doc.clientID)?.meeting?.clauseId ===
      'pasal-1';
    await waitFor(seenImpostor, 'the impostor’s state');
    expect(follower.provider.awareness.getStates().get(impostor.doc.clientID)?.user).toMatchObject({
      name: t.env.cast.reviewer.name,
      agency: t.env.cast.inspectorate.code,
    });
    expect(places.at(-1)).toBe('pasal-7');

    publishPresence(presenter.provider.awareness, { id: meetingId, clauseId: 'penutup' });
    await waitFor(() => places.at(-1) === 'penutup', 'the next place');
    publishPresence(presenter.provider.awareness, null);
    await waitFor(() => places.at(-1) === null, 'the presenter stepping down');
    expect(places).toEqual([null, 'pasal-7', 'penutup', null]);
    stop();
  });
});
