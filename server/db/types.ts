/** A value that may be bound to a `$n` query parameter. */
export type SqlParam =
  string | number | boolean | null | Date | Uint8Array | string[] | number[] | Uint8Array[];

/** The rows a query returned, with the count of rows it touched. */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** A connection that runs parameterised SQL; the same interface for PostgreSQL and PGlite. */
export interface Queryable {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: SqlParam[],
  ): Promise<QueryResult<Row>>;
}

/** The database: queries, transactions and shutdown, whichever engine is behind it. */
export interface Db extends Queryable {
  /** Which engine serves this database. */
  readonly engine: 'postgres' | 'embedded';
  /** Runs `work` inside BEGIN/COMMIT on one connection, rolling back and rethrowing on error. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes every connection. */
  close(): Promise<void>;
}
