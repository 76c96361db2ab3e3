/** The error codes of the API, each with its HTTP status. */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
} as const;

/** One of the API's error codes. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure, carried to the one middleware that turns it into an HTTP response. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The HTTP status of this error. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** 400: the input is invalid; `details` names the fields. */
export const invalidInput = (message: string, details?: unknown) =>
  new AppError('invalid_input', message, details);
/** 401: no valid session. */
export const unauthenticated = (message = 'Anda belum masuk atau sesi telah berakhir.') =>
  new AppError('unauthenticated', message);
/** 403: the caller may not do this. */
export const forbidden = (message = 'Anda tidak berwenang melakukan tindakan ini.') =>
  new AppError('forbidden', message);
/** 404: nothing of that kind the caller may see. */
export const notFound = (what = 'Data') => new AppError('not_found', `${what} tidak ditemukan.`);
/** 409: the request conflicts with the current state; the message says which condition. */
export const conflict = (message: string, details?: unknown) =>
  new AppError('conflict', message, details);
/** 413: the input is too large. */
export const tooLarge = (message = 'Data yang dikirim terlalu besar.') =>
  new AppError('too_large', message);
/** 429: too many attempts. */
export const tooManyRequests = (message: string) => new AppError('too_many_requests', message);
