import type { RequestHandler } from 'express';
import type { Logger } from '../../log';

/**
 * Logs every request at debug level once answered: method, path, status and time. The query
 * string is left out, as it may carry a token (`?token=` of the collaboration socket).
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    if (!log.isLevelEnabled('debug')) return next();
    const started = performance.now();
    res.on('finish', () =>
      log.debug(
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      ),
    );
    next();
  };
}
