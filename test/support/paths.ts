import os from 'node:os';
import path from 'node:path';

/** Where globalSetup leaves a dump of an initialised embedded cluster. */
export const TEMPLATE_DUMP = path.join(
  os.tmpdir(),
  `selaras-pglite-template-${process.getuid?.() ?? 0}.tar`,
);
