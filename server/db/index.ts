import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { openEmbedded } from './embedded';
import { openPostgres } from './postgres';
import type { Db } from './types';

export type { Db, Queryable, QueryResult, SqlParam } from './types';
export { migrate } from './migrate';
export { isConnectionError } from './postgres';

/** Opens PostgreSQL when a URL is given, else the embedded engine stored under `dataDir`. */
export async function openDb(options: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  const dir = path.resolve(options.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  return openEmbedded({ dataDir: dir });
}
