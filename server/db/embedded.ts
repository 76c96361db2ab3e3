import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult, SqlParam } from './types';

/**
 * Opens the embedded PostgreSQL (PGlite). It is a single connection, so every query and
 * transaction takes a turn through one queue; a transaction holds the queue until it ends.
 */
export async function openEmbedded(
  options: { dataDir?: string; loadDataDir?: Blob } = {},
): Promise<Db> {
  const lite = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  let queue: Promise<unknown> = Promise.resolve();

  const turn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };

  const run = async <Row>(text: string, params?: SqlParam[]): Promise<QueryResult<Row>> => {
    const result = await lite.query<Row>(text, params as unknown[] | undefined);
    // PGlite reports affectedRows 0 for a SELECT; pg's rowCount counts the rows returned.
    const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
    return { rows: result.rows, rowCount };
  };

  return {
    engine: 'embedded',
    query: (text, params) => turn(() => run(text, params)),
    transaction: (work) =>
      turn(async () => {
        const tx: Queryable = { query: run };
        await lite.exec('BEGIN');
        try {
          const result = await work(tx);
          await lite.exec('COMMIT');
          return result;
        } catch (error) {
          await lite.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    close: () => turn(() => lite.close()),
  };
}

/** Dumps an embedded database's data directory, so tests can start copies of it quickly. */
export async function initialisedDataDir(): Promise<Blob> {
  const lite = await PGlite.create();
  const dump = await lite.dumpDataDir('none');
  await lite.close();
  return dump;
}
