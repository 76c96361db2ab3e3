import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { startTestServer, type TestServer } from '../support/server';
import {
  castAndDocument,
  connectClient,
  rawSocket,
  sleep,
  waitFor,
  type Client,
  type RawSocket,
} from './clients';
import {
  AWARENESS_QUERY_INTERVAL_MS,
  MAX_AWARENESS_STATE_BYTES,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
} from '../../server/collab/protocol';
import {
  answerQuery,
  newConnectionPresence,
  screenAwareness,
  type ClientIdHolder,
} from '../../server/collab/presence';

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;
const clients: Client[] = [];
const sockets: RawSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  env = await castAndDocument(server);
}, 120_000);
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.ws.terminate();
});
afterAll(() => server.stop());

const open = async (documentId: string, token: string) => {
  const client = await connectClient(server, documentId, token);
  clients.push(client);
  return client;
};
const openRaw = async (documentId: string, token: string) => {
  const socket = await rawSocket(server, `/collab/${documentId}?token=${token}`);
  sockets.push(socket);
  return socket;
};

/** An awareness frame holding `entries` as y-protocols encodes them. */
function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]) {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

const isAwareness = (frame: Uint8Array) =>
  decoding.readVarUint(decoding.createDecoder(frame)) === MESSAGE_AWARENESS;

describe('presence', () => {
  it('shows one awareness state per connection however many client ids it announces', async () => {
    const id = await env.newDocument();
    const drafter = await open(id, env.cast.drafter.token);
    const flooder = await openRaw(id, env.cast.reviewer.token);
    const entries = Array.from({ length: 3_000 }, (_, i) => ({
      clientId: 1_000_000 + i,
      clock: 1,
      state: { user: { name: `hantu ${i}` } },
    }));
    flooder.ws.send(awarenessFrame(entries));
    const states = drafter.provider.awareness.getStates();
    await waitFor(() => states.has(1_000_000), 'the first announced client id');
    // A second frame with other ids: still nothing but the first.
    flooder.ws.send(awarenessFrame([{ clientId: 2_000_000, clock: 1, state: { user: {} } }]));
    await sleep(300);
    expect([...states.keys()].sort()).toEqual([1_000_000, drafter.doc.clientID].sort());
  });

  it('never relays a state larger than the cap', async () => {
    const id = await env.newDocument();
    const drafter = await open(id, env.cast.drafter.token);
    const reviewer = await open(id, env.cast.reviewer.token);
    const seen: string[] = [];
    drafter.provider.awareness.on('change', () =>
      seen.push(JSON.stringify(drafter.provider.awareness.getStates().get(reviewer.doc.clientID))),
    );
    reviewer.provider.awareness.setLocalStateField('pad', 'x'.repeat(MAX_AWARENESS_STATE_BYTES));
    reviewer.provider.awareness.setLocalStateField('pad', 'kecil');
    await waitFor(
      () => drafter.provider.awareness.getStates().get(reviewer.doc.clientID)?.pad === 'kecil',
      'the small state',
    );
    expect(seen.join('')).not.toContain('xxxxxxxx');
  });

  it('shows a reviewer who claims another name with his own name and agency', async () => {
    const id = await env.newDocument();
    const drafter = await open(id, env.cast.drafter.token);
    const reviewer = await open(id, env.cast.reviewer.token);
    reviewer.provider.awareness.setLocalStateField('user', {
      name: 'Gubernur Kalimantan Barat',
      agency: 'PEMPROV-KALBAR',
      color: '#d62728',
    });
    await waitFor(
      () => drafter.provider.awareness.getStates().get(reviewer.doc.clientID)?.user !== undefined,
      'the reviewer’s state',
    );
    expect(drafter.provider.awareness.getStates().get(reviewer.doc.clientID)?.user).toEqual({
      name: env.cast.reviewer.name,
      agency: env.cast.reviewer.agency.code,
      color: '#d62728',
    });
  });

  it('does not let one connection overwrite another user’s cursor', async () => {
    const id = await env.newDocument();
    const drafter = await open(id, env.cast.drafter.token);
    const head = await open(id, env.cast.headA.token);
    drafter.provider.awareness.setLocalStateField('user', { name: 'x', color: '#1f77b4' });
    const victim = drafter.doc.clientID;
    await waitFor(() => head.provider.awareness.getStates().has(victim), 'the drafter’s state');
    const intruder = await openRaw(id, env.cast.reviewer.token);
    intruder.ws.send(
      awarenessFrame([{ clientId: victim, clock: 1_000_000, state: { cursor: null, user: {} } }]),
    );
    // The intruder's next message is a state of his own, so once it arrives the first was handled.
    intruder.ws.send(awarenessFrame([{ clientId: 3_000_000, clock: 1, state: { user: {} } }]));
    await sleep(300);
    expect(head.provider.awareness.getStates().get(victim)?.user?.name).toBe(env.cast.drafter.name);
  });

  it('answers query-awareness at most once per interval', async () => {
    const id = await env.newDocument();
    const drafter = await open(id, env.cast.drafter.token);
    drafter.provider.awareness.setLocalStateField('user', { name: 'x' });
    await sleep(100);
    const asker = await openRaw(id, env.cast.reviewer.token);
    await waitFor(() => asker.frames.some(isAwareness), 'the states sent on joining');
    const before = asker.frames.filter(isAwareness).length;
    const query = new Uint8Array([MESSAGE_QUERY_AWARENESS]);
    for (let i = 0; i < 50; i++) asker.ws.send(query);
    await sleep(300);
    expect(asker.frames.filter(isAwareness).length - before).toBe(1);
    await sleep(AWARENESS_QUERY_INTERVAL_MS);
    asker.ws.send(query);
    await waitFor(
      () => asker.frames.filter(isAwareness).length - before === 2,
      'an answer in the next interval',
    );
  });
});

describe('screenAwareness', () => {
  const identity = { name: 'Siti Rahma', agency: 'INSP' };
  /** The update inside an awareness frame. */
  const updateOf = (entries: { clientId: number; clock: number; state: unknown }[]) => {
    const d = decoding.createDecoder(awarenessFrame(entries));
    decoding.readVarUint(d);
    return decoding.readVarUint8Array(d);
  };
  const entriesOf = (update: Uint8Array | null) => {
    if (!update) return [];
    const d = decoding.createDecoder(update);
    return Array.from({ length: decoding.readVarUint(d) }, () => ({
      clientId: decoding.readVarUint(d),
      clock: decoding.readVarUint(d),
      state: JSON.parse(decoding.readVarString(d)) as unknown,
    }));
  };
  const free = (): ClientIdHolder => 'free';

  it('lets a reconnect of the same user take its client id over, but no one else', () => {
    const update = updateOf([{ clientId: 7, clock: 3, state: { user: {} } }]);
    const same = screenAwareness(update, newConnectionPresence(), identity, () => 'same-user');
    expect(same.claimed).toBe(7);
    const other = newConnectionPresence();
    expect(screenAwareness(update, other, identity, () => 'taken').update).toBeNull();
    expect(other.clientId).toBeUndefined();
  });

  it('passes the connection taking its own state away', () => {
    const presence = newConnectionPresence();
    screenAwareness(updateOf([{ clientId: 7, clock: 1, state: {} }]), presence, identity, free);
    const removal = screenAwareness(
      updateOf([{ clientId: 7, clock: 2, state: null }]),
      presence,
      identity,
      free,
    );
    expect(entriesOf(removal.update)).toEqual([{ clientId: 7, clock: 2, state: null }]);
  });

  it('keeps only the colour of the claimed user field and drops non-object states', () => {
    const presence = newConnectionPresence();
    const kept = screenAwareness(
      updateOf([
        { clientId: 7, clock: 1, state: { cursor: 1, user: { color: '#2ca02c', title: 'Dr.' } } },
      ]),
      presence,
      identity,
      free,
    );
    expect(entriesOf(kept.update)[0].state).toEqual({
      cursor: 1,
      user: { name: 'Siti Rahma', agency: 'INSP', color: '#2ca02c' },
    });
    const odd = screenAwareness(
      updateOf([{ clientId: 7, clock: 2, state: [1, 2] }]),
      presence,
      identity,
      free,
    );
    expect(odd).toEqual({ update: null, claimed: undefined, dropped: 1 });
  });

  it('refuses a malformed update', () => {
    expect(() =>
      screenAwareness(new Uint8Array([1, 7]), newConnectionPresence(), identity, free),
    ).toThrow();
  });

  it('answers one query per interval', () => {
    const presence = newConnectionPresence();
    expect(answerQuery(presence, 10_000)).toBe(true);
    expect(answerQuery(presence, 10_000 + AWARENESS_QUERY_INTERVAL_MS - 1)).toBe(false);
    expect(answerQuery(presence, 10_000 + AWARENESS_QUERY_INTERVAL_MS)).toBe(true);
  });
});
