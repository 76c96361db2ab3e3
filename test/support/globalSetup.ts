import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { initialisedDataDir } from '../../server/db/embedded';
import { TEMPLATE_DUMP } from './paths';

/** Prepares one initialised embedded cluster for every test file that uses the embedded engine. */
export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL && !process.env.SELARAS_TEST_EMBEDDED) return;
  if (existsSync(TEMPLATE_DUMP)) return;
  const dump = await initialisedDataDir();
  await writeFile(TEMPLATE_DUMP, Buffer.from(await dump.arrayBuffer()));
}
