import pg from 'pg';
import type { Db, Queryable, QueryResult, SqlParam } from './types';

// timestamptz → Date is the default; int8 (counts, sums) fits in a JS number for our data.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

/** Opens a pooled connection to a PostgreSQL server. */
export function openPostgres(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client losing its server (restart, pg_terminate_backend) must not kill the process.
  pool.on('error', () => undefined);

  const run = async <Row>(
    client: pg.Pool | pg.PoolClient,
    text: string,
    params?: SqlParam[],
  ): Promise<QueryResult<Row>> => {
    const result = await client.query(text, params as unknown[] | undefined);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  };

  return {
    engine: 'postgres',
    query: (text, params) => run(pool, text, params),
    async transaction(work) {
      const client = await pool.connect();
      const tx: Queryable = { query: (text, params) => run(client, text, params) };
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
