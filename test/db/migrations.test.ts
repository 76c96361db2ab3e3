import { createTestDb, type TestDb } from '../support/db';
import { migrate } from '../../server/db';
import { splitStatements } from '../../server/db/migrate';
import { readdirSync } from 'node:fs';
import { MIGRATIONS_DIR } from '../../server/db/migrate';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
}, 120_000);
afterAll(() => testDb.drop());

describe('migrations', () => {
  it('applies every migration once and is idempotent on a second run', async () => {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(await migrate(testDb.db)).toEqual(files);
    expect(await migrate(testDb.db)).toEqual([]);
    const { rows } = await testDb.db.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY name',
    );
    expect(rows.map((r) => r.name)).toEqual(files);
  });

  it('takes turns when two runners start at once', async () => {
    const results = await Promise.all([migrate(testDb.db), migrate(testDb.db)]);
    expect(results).toEqual([[], []]);
  });

  it('keeps dollar-quoted bodies whole when splitting statements', () => {
    const sql =
      'CREATE TABLE a (x int);\n-- comment;\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN NULL;\nEND;\n$$;\nSELECT 1;';
    const statements = splitStatements(sql);
    expect(statements).toHaveLength(3);
    expect(statements[1]).toContain('RETURN NULL;\nEND;');
  });
});
