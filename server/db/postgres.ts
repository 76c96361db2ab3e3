import pg from 'pg';
import type { Db, Queryable, QueryResult, SqlParam } from './types';

// timestamptz → Date is the default; int8 (counts, sums) fits in a JS number for our data.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

/** Opens a pooled connection to a PostgreSQL server. */
export function openPostgres(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client losing its server (restart, pg_terminate_backend) must not kill the process.
  pool.on('error', () => undefined);
  // Nor may any client at any other moment: pg emits 'error' on a client whatever it is doing
  // (the pool listens only while it is idle, pool.query only once), and an 'error' with no
  // listener ends the process. Each client always has this one; the query in flight still
  // fails, a broken client is not queryable again, and the pool drops it.
  pool.on('connect', (client) => client.on('error', () => undefined));

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
      // A checked-out client has no pool listener: without ours, a server-side disconnect
      // (restart, pg_terminate_backend) would be an unhandled 'error' event and end the process.
      let broken: Error | undefined;
      const onError = (error: Error) => (broken = error);
      client.on('error', onError);
      const tx: Queryable = { query: (text, params) => run(client, text, params) };
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        broken ??= isConnectionError(error) ? (error as Error) : undefined;
        throw error;
      } finally {
        client.off('error', onError);
        // Passing the error destroys the client instead of returning a dead one to the pool.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, terminate).
const CONNECTION_CODES = /^(08|57P0)/;

/** True when an error means the database connection is gone, not that the query was wrong. */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (
    typeof e?.code === 'string' &&
    (CONNECTION_CODES.test(e.code) ||
      ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.code))
  ) {
    return true;
  }
  return (
    typeof e?.message === 'string' &&
    /Connection terminated|connection (?:is )?(?:closed|ended)|Client has encountered a connection error/i.test(
      e.message,
    )
  );
}
