import { openEmbedded } from '../../server/db/embedded';
import type { Db } from '../../server/db';

// The embedded engine runs PGlite in a worker thread, so a query's WebAssembly never holds up
// the main thread (socket frames, REST requests). These run on the embedded engine whatever
// TEST_DATABASE_URL says: there is no other engine to ask for it.

jest.setTimeout(120_000);

let db: Db;

beforeAll(async () => {
  db = await openEmbedded();
});

afterAll(() => db?.close());

test('the main thread goes on while a query runs', async () => {
  let ticks = 0;
  const timer = setInterval(() => (ticks += 1), 20);
  try {
    await db.query('SELECT pg_sleep(1)');
  } finally {
    clearInterval(timer);
  }
  // On the main thread the sleep held every timer for its full second: no tick at all.
  expect(ticks).toBeGreaterThanOrEqual(5);
});

test('rows cross the thread with their types, and rowCount follows pg', async () => {
  const bytes = new Uint8Array([0, 1, 254, 255]);
  const result = await db.query<{ n: number; b: Uint8Array; t: Date; a: string[] }>(
    `SELECT 7 AS n, $1::bytea AS b, '2026-11-29T00:00:00Z'::timestamptz AS t, $2::text[] AS a`,
    [bytes, ['pasal', 'ayat']],
  );
  expect(result.rowCount).toBe(1);
  const [row] = result.rows;
  expect(row.n).toBe(7);
  expect(Buffer.from(row.b).equals(Buffer.from(bytes))).toBe(true);
  // Cloned in Node's own realm, not jest's: the tag says what it is.
  expect(Object.prototype.toString.call(row.t)).toBe('[object Date]');
  expect(Object.prototype.toString.call(row.b)).toBe('[object Uint8Array]');
  expect(row.t.toISOString()).toBe('2026-11-29T00:00:00.000Z');
  expect(row.a).toEqual(['pasal', 'ayat']);
  await db.query('CREATE TABLE naskah (id int PRIMARY KEY)');
  expect((await db.query('INSERT INTO naskah VALUES (1), (2)')).rowCount).toBe(2);
});

test('a database error crosses with its SQLSTATE and severity, and rolls its transaction back', async () => {
  await db.query('CREATE TABLE paraf (id int PRIMARY KEY)');
  const failed = db.transaction(async (tx) => {
    await tx.query('INSERT INTO paraf VALUES (1)');
    await tx.query('INSERT INTO paraf VALUES (1)');
  });
  await expect(failed).rejects.toBeInstanceOf(Error);
  await expect(failed).rejects.toMatchObject({ code: '23505', severity: 'ERROR' });
  expect((await db.query('SELECT count(*)::int AS n FROM paraf')).rows).toEqual([{ n: 0 }]);
});

test('a closed database refuses further queries instead of hanging', async () => {
  const other = await openEmbedded();
  await other.close();
  await expect(other.query('SELECT 1')).rejects.toThrow(/embedded database stopped/);
});

test('runs queries in the order posted, and a transaction has the connection to itself', async () => {
  await db.query('CREATE TABLE rujukan (seq serial PRIMARY KEY, label text)');
  const labels = Array.from({ length: 30 }, (_, i) => (i % 10 === 5 ? `tx${i}` : `q${i}`));
  const seen: number[] = [];
  await Promise.all(
    labels.map((label) =>
      label.startsWith('tx')
        ? db.transaction(async (tx) => {
            await tx.query('INSERT INTO rujukan (label) VALUES ($1)', [label]);
            // The queries posted after this transaction must not run inside it meanwhile.
            await new Promise((resolve) => setTimeout(resolve, 20));
            const { rows } = await tx.query<{ n: number }>(
              'SELECT count(*)::int AS n FROM rujukan',
            );
            seen.push(rows[0].n);
          })
        : db.query('INSERT INTO rujukan (label) VALUES ($1)', [label]),
    ),
  );
  const { rows } = await db.query<{ label: string }>('SELECT label FROM rujukan ORDER BY seq');
  expect(rows.map((r) => r.label)).toEqual(labels);
  // Each transaction saw exactly the rows posted before it, its own included.
  expect(seen).toEqual([6, 16, 26]);
});
