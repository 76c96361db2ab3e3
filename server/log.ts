import pino from 'pino';

/** Paths that may carry secrets; pino replaces them before a line is written. */
const REDACT = [
  'password',
  '*.password',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'databaseUrl',
  'redisUrl',
];

/** The structured logger type used across the server. */
export type Logger = pino.Logger;

/** Creates the process logger: JSON lines on stdout, secrets redacted. */
export function createLogger(level = 'info'): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } });
}
