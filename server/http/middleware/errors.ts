import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isConnectionError } from '../../db';
import { AppError } from '../../errors';
import type { Logger } from '../../log';

/** Express's own errors for bodies it could not read, mapped to our codes. */
const BODY_ERRORS: Record<string, AppError> = {
  'entity.too.large': new AppError('too_large', 'Data yang dikirim terlalu besar.'),
  'entity.parse.failed': new AppError('invalid_input', 'Badan permintaan bukan JSON yang valid.'),
  'encoding.unsupported': new AppError(
    'invalid_input',
    'Pengodean badan permintaan tidak didukung.',
  ),
  'charset.unsupported': new AppError('invalid_input', 'Set karakter tidak didukung.'),
  'request.aborted': new AppError('invalid_input', 'Permintaan terputus.'),
};

// Express's router marks a path it cannot decode (`/api/documents/%E0%A4%A`) with status 400.
const BAD_REQUEST = new AppError('invalid_input', 'Alamat permintaan tidak valid.');

// The database dropped the connection mid-request: nothing was committed, and a retry will do.
const DATABASE_DOWN = new AppError(
  'unavailable',
  'Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi.',
);

/** The AppError an error stands for, if it is one of the expected kinds. */
function knownError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (isConnectionError(err)) return DATABASE_DOWN;
  const { type, status } = (err ?? {}) as { type?: unknown; status?: unknown };
  if (typeof type === 'string' && Object.hasOwn(BODY_ERRORS, type)) return BODY_ERRORS[type];
  return status === 400 ? BAD_REQUEST : undefined;
}

/** The one place that turns errors into `{error: {code, message, details}}` responses. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = knownError(err);
    if (known) {
      const wait = (known.details as { retryAfterSeconds?: unknown } | undefined)
        ?.retryAfterSeconds;
      if (known.status === 429 && typeof wait === 'number')
        res.setHeader('Retry-After', String(wait));
      res
        .status(known.status)
        .json({ error: { code: known.code, message: known.message, details: known.details } });
      return;
    }
    log.error({ err, method: req.method, path: req.path }, 'unhandled error');
    res
      .status(500)
      .json({ error: { code: 'internal', message: 'Terjadi kesalahan pada server.' } });
  };
}

/**
 * 404 for a path no route matched that a browser asked for as a page: the client's page, which
 * shows "Halaman tidak ditemukan"; API callers and other requests get the JSON 404.
 */
export function unknownPage(indexFile: string): RequestHandler {
  return (req, res, next) => {
    const wantsPage =
      (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html';
    if (!wantsPage) return unknownRoute(req, res, next);
    res
      .status(404)
      .sendFile(indexFile, (err) => err && !res.headersSent && unknownRoute(req, res, next));
  };
}

/** 404 for any path no route matched. */
export const unknownRoute: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: 'Alamat tidak ditemukan.' } });
};
