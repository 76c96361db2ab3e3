import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config';
import { createLogger } from './log';
import { startServer } from './server';

/** The composition root: configuration, logging, the server and graceful shutdown. */
async function main() {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const server = await startServer(config, {
    log,
    onSeeded: (logins) => printDemoLogins(config.dataDir, logins),
  });
  log.info(
    { port: server.port, engine: server.db.engine },
    `Selaras berjalan di http://localhost:${server.port}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * Prints the generated demo logins once, at first start, and keeps a copy readable only by the
 * owner in DATA_DIR/demo-logins.txt; they never go through the logger.
 */
function printDemoLogins(
  dataDir: string,
  logins: { email: string; password: string; role: string }[],
) {
  const lines = logins.map((l) => `  ${l.role.padEnd(9)} ${l.email.padEnd(38)} ${l.password}`);
  const text = ['', 'Ruang kerja demo dibuat. Akun demo:', ...lines, ''].join('\n') + '\n';
  process.stdout.write(text);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'demo-logins.txt'), text, { mode: 0o600 });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
