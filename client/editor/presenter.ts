import type { Awareness } from 'y-protocols/awareness';
import type { MeetingPresence } from '../../shared/meetings';

// The presenter of a rapat penyelarasan shares the Pasal under discussion through the Yjs
// awareness, in a top-level field `meeting` beside `user` (the server passes other fields
// through, and rewrites only `user.name` and `user.agency` from the session).

/** The awareness field a presenter writes. */
export const MEETING_FIELD = 'meeting';

/** Who presents, as the server writes it into every awareness state's `user` field. */
export interface PresenterIdentity {
  name: string;
  agency: string;
}

/** Publishes (or, with null, withdraws) this client's place as the meeting's presenter. */
export function publishPresence(awareness: Awareness, presence: MeetingPresence | null): void {
  const current = awareness.getLocalState()?.[MEETING_FIELD] as MeetingPresence | undefined;
  if (JSON.stringify(current ?? null) === JSON.stringify(presence)) return;
  awareness.setLocalStateField(MEETING_FIELD, presence);
}

/**
 * Calls `listener` with the clause id the presenter of `meetingId` is at, whenever it changes.
 * A state counts as the presenter's only when its server-written name and agency are the
 * presenter's, so another participant cannot steer the followers.
 */
export function watchPresenter(
  awareness: Awareness,
  meetingId: string,
  presenter: PresenterIdentity,
  listener: (clauseId: string | null) => void,
): () => void {
  let last: string | null | undefined;
  const check = () => {
    let place: string | null = null;
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const user = state.user as Partial<PresenterIdentity> | undefined;
      const meeting = state[MEETING_FIELD] as Partial<MeetingPresence> | null | undefined;
      if (user?.name !== presenter.name || user?.agency !== presenter.agency) return;
      if (meeting?.id === meetingId && typeof meeting.clauseId === 'string')
        place = meeting.clauseId;
    });
    if (place === last) return;
    last = place;
    listener(place);
  };
  awareness.on('change', check);
  check();
  return () => awareness.off('change', check);
}
