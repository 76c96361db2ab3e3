import * as Y from 'yjs';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../support/server';
import { makeUser, type TestUser } from '../support/factories';
import { castAndDocument, connectClient, waitFor, type Client } from '../collab/clients';
import { FRAGMENT_NAME } from '../../shared/schema';
import { repairsForDocument } from '../../server/text/conform';

// Property: whatever valid Yjs update a drafter sends, every reader keeps working (clauses, a
// revision cut, its diff, the matrix, both exports, a fresh client), the live text fits the
// schema, and any change to the printed text makes every agency's paraf stale.

type Path = number[];
type Op =
  | { kind: 'text'; path: Path; index: number; text: string }
  | { kind: 'element'; path: Path; index: number; name: string; text: string; id?: string }
  | { kind: 'type'; path: Path; offset: number; text: string }
  | { kind: 'attr'; path: Path; key: string; value: string }
  | { kind: 'format'; path: Path; from: number; length: number; mark: string }
  | { kind: 'delete'; path: Path; index: number; count: number }
  | { kind: 'row'; path: Path; index: number; cells: number; text: string }
  | { kind: 'foreign'; key: string; value: string };

const NAMES = [
  'clause',
  'clause_heading',
  'paragraph',
  'title',
  'preamble',
  'closing',
  'lampiran',
  'lampiran_heading',
  'table',
  'table_row',
  'table_cell',
  'table_header',
  'gambar',
  'doc',
];
const path = fc.array(fc.nat(40), { maxLength: 4 });
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('\u0000', 'a\tb', 'Pasal 1\n', '\u0007x', 'denda Rp10.000.000.000'),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), path, index: fc.nat(40), text }),
  fc.record({
    kind: fc.constant('element' as const),
    path,
    index: fc.nat(40),
    name: fc.constantFrom(...NAMES),
    text,
    id: fc.option(fc.oneof(fc.constant(''), fc.constant('x'.repeat(500)), fc.uuid()), {
      nil: undefined,
    }),
  }),
  fc.record({ kind: fc.constant('type' as const), path, offset: fc.nat(60), text }),
  fc.record({
    kind: fc.constant('attr' as const),
    path,
    key: fc.constantFrom('id', 'style', 'onclick'),
    value: fc.oneof(fc.constant(''), fc.string({ maxLength: 8 }), fc.constant('dup')),
  }),
  fc.record({
    kind: fc.constant('format' as const),
    path,
    from: fc.nat(30),
    length: fc.integer({ min: 1, max: 20 }),
    mark: fc.constantFrom('strong', 'em', 'underline', 'strong--a1b2'),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    path,
    index: fc.nat(40),
    count: fc.integer({ min: 1, max: 3 }),
  }),
  // A table row of 0 to 3 cells, so tables of rows of different widths are tried too.
  fc.record({
    kind: fc.constant('row' as const),
    path,
    index: fc.nat(40),
    cells: fc.nat(3),
    text,
  }),
  fc.record({
    kind: fc.constant('foreign' as const),
    key: fc.string({ maxLength: 5 }),
    value: text,
  }),
);

type Container = Y.XmlFragment | Y.XmlElement;

/** Follows `path` down through elements as far as it goes. */
function containerAt(doc: Y.Doc, steps: Path): Container {
  let current: Container = doc.getXmlFragment(FRAGMENT_NAME);
  for (const step of steps) {
    const children: Y.XmlElement[] = current
      .toArray()
      .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
    if (children.length === 0) break;
    current = children[step % children.length];
  }
  return current;
}

function firstText(container: Container): Y.XmlText | undefined {
  return container.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText);
}

/** An id already used by some element, so duplicates are tried too. */
function someId(doc: Y.Doc): string {
  const first = doc
    .getXmlFragment(FRAGMENT_NAME)
    .toArray()
    .find(
      (c): c is Y.XmlElement => c instanceof Y.XmlElement && c.getAttribute('id') !== undefined,
    );
  return String(first?.getAttribute('id') ?? 'dup');
}

function apply(doc: Y.Doc, o: Op): void {
  if (o.kind === 'foreign') {
    doc.getMap('lain').set(o.key, o.value);
    return;
  }
  const at = containerAt(doc, o.path);
  switch (o.kind) {
    case 'text':
      return at.insert(Math.min(o.index, at.length), [new Y.XmlText(o.text)]);
    case 'element': {
      const el = new Y.XmlElement(o.name);
      if (o.id !== undefined) el.setAttribute('id', o.id);
      if (o.text) el.insert(0, [new Y.XmlText(o.text)]);
      return at.insert(Math.min(o.index, at.length), [el]);
    }
    case 'row': {
      const row = new Y.XmlElement('table_row');
      const cells = Array.from({ length: o.cells }, (_, i) => {
        const cell = new Y.XmlElement(i === 0 ? 'table_header' : 'table_cell');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(o.text)]);
        cell.insert(0, [paragraph]);
        return cell;
      });
      if (cells.length > 0) row.insert(0, cells);
      return at.insert(Math.min(o.index, at.length), [row]);
    }
    case 'type': {
      const t = firstText(at);
      if (t) t.insert(Math.min(o.offset, t.length), o.text);
      return;
    }
    case 'attr':
      if (at instanceof Y.XmlElement)
        at.setAttribute(o.key, o.value === 'dup' ? someId(doc) : o.value);
      return;
    case 'format': {
      const t = firstText(at);
      if (t && t.length > 0) t.format(Math.min(o.from, t.length - 1), o.length, { [o.mark]: {} });
      return;
    }
    case 'delete': {
      if (at.length === 0) return;
      const from = Math.min(o.index, at.length - 1);
      return at.delete(from, Math.min(o.count, at.length - from));
    }
  }
}

let server: TestServer;
let env: Awaited<ReturnType<typeof castAndDocument>>;
let signers: TestUser[];

beforeAll(async () => {
  server = await startTestServer();
  env = await castAndDocument(server);
  const bureauReviewer = await makeUser(server.db, 'reviewer', env.cast.bureau.code);
  signers = [env.cast.reviewer, env.cast.headA, env.cast.headB, bureauReviewer];
}, 120_000);
afterAll(() => server.stop());

const as = (user: { token: string }) => ({ token: user.token });

async function cut(id: string): Promise<{ number: number; text: string }> {
  const res = await env.call<{ number: number }>('POST', `/api/documents/${id}/revisions`, {
    ...as(env.cast.drafter),
    body: {},
  });
  expect(res.status).toBe(201);
  const printed = await env.call<string>(
    'GET',
    `/api/documents/${id}/revisions/${res.body.number}/text`,
    as(env.cast.reviewer),
  );
  expect(printed.status).toBe(200);
  return { number: res.body.number, text: printed.body };
}

async function approveAll(id: string, revision: number) {
  for (const user of signers) {
    const res = await env.call('POST', `/api/documents/${id}/revisions/${revision}/signoffs`, {
      ...as(user),
      body: { decision: 'approve' },
    });
    expect(res.status).toBe(201);
  }
}

/** Waits until the server's copy and the client's agree (the update and any repair went both ways). */
async function settle(id: string, client: Client) {
  const sv = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64');
  await waitFor(() => {
    const room = server.collab.rooms.peek(id);
    return room !== undefined && sv(room.doc) === sv(client.doc);
  }, 'server and client in sync');
  await server.collab.flush();
}

async function readersStillWork(id: string, revision: number) {
  const reads = [
    `/api/documents/${id}/clauses`,
    `/api/documents/${id}/text`,
    `/api/documents/${id}/revisions/${revision}/diff`,
    `/api/documents/${id}/signoffs/matrix`,
    `/api/documents/${id}/export.docx`,
    `/api/documents/${id}/export.pdf`,
  ];
  for (const path of reads) {
    const res = await env.call('GET', path, as(env.cast.reviewer));
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
  }
  const fresh = await connectClient(server, id, env.cast.reviewer.token);
  try {
    expect(repairsForDocument(fresh.doc).map((r) => r.kind)).toEqual([]);
  } finally {
    fresh.destroy();
  }
}

test('any sequence of valid Yjs updates keeps every reader working and every changed text under fresh paraf', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
      async (batches) => {
        const id = await env.newDocument();
        const drafter = await connectClient(server, id, env.cast.drafter.token);
        try {
          let previous = await cut(id);
          for (const batch of batches) {
            await approveAll(id, previous.number);
            drafter.doc.transact(() => batch.forEach((o) => apply(drafter.doc, o)));
            await settle(id, drafter);
            const next = await cut(id);
            await readersStillWork(id, next.number);
            const statuses = await env.call<{ status: string }[]>(
              'GET',
              `/api/documents/${id}/signoffs`,
              as(env.cast.reviewer),
            );
            // A change a reader sees stales every paraf; an unseen one (a mark, an id) may too.
            const seen = statuses.body.map((s) => s.status);
            if (next.text !== previous.text) expect(seen).toEqual(signers.map(() => 'stale'));
            else expect(new Set(seen).size).toBe(1);
            previous = next;
          }
        } finally {
          drafter.destroy();
        }
      },
    ),
    {
      numRuns: Number(process.env.PROPERTY_RUNS ?? 15),
      endOnFailure: true,
      // PROPERTY_SEED and PROPERTY_PATH replay a failure fast-check reported.
      ...(process.env.PROPERTY_SEED
        ? { seed: Number(process.env.PROPERTY_SEED), path: process.env.PROPERTY_PATH }
        : {}),
    },
  );
}, 600_000);
