import { createTestDb, type TestDb } from '../support/db';
import { migrate } from '../../server/db';
import { recordEvent, verifyStream, readEvents } from '../../server/audit/audit';
import { chainHash, GENESIS_HASH } from '../../server/audit/chain';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
  await migrate(testDb.db);
}, 120_000);
afterAll(() => testDb.drop());

const append = (stream: string, n: number) =>
  testDb.db.transaction((tx) =>
    recordEvent(tx, stream, {
      actorId: null,
      kind: 'comment.created',
      data: { n, teks: 'Pasal 1 — ayat (2)' },
    }),
  );

describe('the audit chain', () => {
  it('chains each event to the previous one and verifies', async () => {
    for (let n = 1; n <= 5; n++) await append('uji:a', n);
    const events = await readEvents(testDb.db, 'uji:a');
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0].hash).toBe(
      chainHash(GENESIS_HASH, {
        seq: 1,
        at: events[0].at,
        actorId: null,
        kind: 'comment.created',
        data: events[0].data,
      }),
    );
    expect(await verifyStream(testDb.db, 'uji:a')).toEqual({ ok: true, events: 5 });
  });

  it('keeps appends in order when they race', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => append('uji:b', i)));
    expect(await verifyStream(testDb.db, 'uji:b')).toEqual({ ok: true, events: 8 });
  });

  it('refuses updates and deletes of events', async () => {
    await append('uji:c', 1);
    await expect(
      testDb.db.query("UPDATE audit_events SET kind = 'x' WHERE stream = 'uji:c'"),
    ).rejects.toThrow(/append-only/);
    await expect(
      testDb.db.query("DELETE FROM audit_events WHERE stream = 'uji:c'"),
    ).rejects.toThrow(/append-only/);
  });

  it('detects a tampered row', async () => {
    for (let n = 1; n <= 3; n++) await append('uji:d', n);
    // Only a superuser bypassing triggers can do this; verification must still notice.
    await testDb.db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(
        `UPDATE audit_events SET data = '{"n": 99}' WHERE stream = 'uji:d' AND seq = 2`,
      );
    });
    expect(await verifyStream(testDb.db, 'uji:d')).toEqual({ ok: false, events: 3, brokenAt: 2 });
  });
});
