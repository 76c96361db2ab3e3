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
  // SMTP_URL may hold the mail server's password.
  'smtpUrl',
  '*.smtpUrl',
];

/**
 * Fields of an error that can echo the values bound to a query: PGlite attaches the `query` and
 * its `params`, PostgreSQL's `detail` repeats key values (`Key (email)=(...)`) and `where` the
 * parameters of a portal. They are dropped from every logged error, at any depth.
 */
const VALUE_FIELDS = new Set([
  'params',
  'parameters',
  'values',
  'query',
  'queryOptions',
  'detail',
  'where',
  'hint',
  'internalQuery',
]);

// A database error carries a five-character SQLSTATE and a severity; its message may quote a
// value (`invalid input syntax for type uuid: "..."`), so quoted parts are cut from it.
const isDatabaseError = (e: object): e is Error =>
  e instanceof Error &&
  typeof (e as { severity?: unknown }).severity === 'string' &&
  /^[0-9A-Z]{5}$/.test(String((e as { code?: unknown }).code));
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
const unquote = (text: string) => text.replace(QUOTED, '"…"');

/** The messages of the database errors in an error's cause chain (and aggregate members). */
function databaseMessages(error: unknown, found: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 8 || !error || typeof error !== 'object') return found;
  if (isDatabaseError(error) && error.message) found.add(error.message);
  databaseMessages((error as { cause?: unknown }).cause, found, depth + 1);
  const members = (error as { errors?: unknown }).errors;
  if (Array.isArray(members)) for (const m of members) databaseMessages(m, found, depth + 1);
  return found;
}

function scrub(value: unknown, messages: Set<string>, depth = 0): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const message of messages) text = text.split(message).join(unquote(message));
    return text;
  }
  if (depth > 8 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, messages, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!VALUE_FIELDS.has(key)) out[key] = scrub(item, messages, depth + 1);
  }
  return out;
}

/** Serialises an error for the log as pino does, without any value a query was given. */
export function errorSerializer(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return scrub(pino.stdSerializers.err(error), databaseMessages(error));
}

/** The structured logger type used across the server. */
export type Logger = pino.Logger;

/** Creates the process logger: JSON lines on `destination` (stdout), secrets and query values left out. */
export function createLogger(
  level = 'info',
  destination: pino.DestinationStream = pino.destination(1),
): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: errorSerializer, error: errorSerializer },
    },
    destination,
  );
}
