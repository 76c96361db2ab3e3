import type { ErrorRequestHandler, RequestHandler } from 'express';
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

/** The one place that turns errors into `{error: {code, message, details}}` responses. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known =
      err instanceof AppError ? err : BODY_ERRORS[(err as { type?: string })?.type ?? ''];
    if (known) {
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

/** 404 for any path no route matched. */
export const unknownRoute: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: 'Alamat tidak ditemukan.' } });
};
