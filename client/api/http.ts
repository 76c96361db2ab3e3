// Cookie sessions prove a state change is not a cross-site form with this header.
import { CSRF_HEADER } from '../../shared/session';

/** Indonesian fallbacks by HTTP status, for errors whose body carries no message. */
const STATUS_MESSAGES: Record<number, string> = {
  400: 'Masukan tidak valid.',
  401: 'Anda belum masuk atau sesi telah berakhir.',
  403: 'Anda tidak berwenang melakukan tindakan ini.',
  404: 'Data tidak ditemukan.',
  409: 'Tindakan bertentangan dengan keadaan dokumen saat ini.',
  413: 'Data yang dikirim terlalu besar.',
  429: 'Terlalu banyak percobaan. Coba lagi nanti.',
  503: 'Layanan sedang tidak tersedia.',
};

/** A failed API call, carrying the server's `{error: {code, message, details}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The user-facing Indonesian text of any error thrown by an API call. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof TypeError) return 'Tidak dapat menghubungi server. Periksa jaringan Anda.';
  return 'Terjadi kesalahan yang tidak terduga.';
}

/** Listeners told when any call answers 401, so the app can return to the login form. */
const unauthenticatedListeners = new Set<() => void>();

/** Calls `listener` whenever the session turns out to be gone; returns an unsubscribe function. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Tells the app the session is gone (the collaboration socket was closed for it). */
export function sessionEnded(): void {
  unauthenticatedListeners.forEach((l) => l());
}

/** A request body: JSON for plain values, multipart for FormData. */
export type Body = FormData | object | undefined;

/** Calls the API with the session cookie and the CSRF header; resolves with the parsed JSON. */
export async function request<T>(method: string, path: string, body?: Body): Promise<T> {
  const headers: Record<string, string> = { [CSRF_HEADER]: '1', accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (res.ok) return parsed as T;
  if (res.status === 401 && path !== '/api/auth/login') sessionEnded();
  throw toApiError(res.status, parsed);
}

/** How far an upload has come: bytes sent of the total. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Posts a multipart form like `request`, reporting the upload's progress (fetch cannot), and
 * resolves with the parsed JSON or rejects with an `ApiError`.
 */
export function upload<T>(
  path: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, '1');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener('load', () => {
      const parsed: unknown = xhr.responseText ? safeJson(xhr.responseText) : undefined;
      if (xhr.status >= 200 && xhr.status < 300) return resolve(parsed as T);
      if (xhr.status === 401) sessionEnded();
      reject(toApiError(xhr.status, parsed));
    });
    // The same error fetch gives when the network fails, so errorMessage says so.
    xhr.addEventListener('error', () => reject(new TypeError('network error')));
    xhr.addEventListener('abort', () => reject(new TypeError('upload aborted')));
    xhr.send(form);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error;
  const message =
    typeof error?.message === 'string' && error.message
      ? error.message
      : (STATUS_MESSAGES[status] ?? `Permintaan gagal (HTTP ${status}).`);
  const code = typeof error?.code === 'string' ? error.code : 'http_' + status;
  return new ApiError(status, code, withFieldDetails(message, error?.details), error?.details);
}

// Validation errors name their fields in `details` (`{field: message}`); show them so the
// user knows what to fix.
function withFieldDetails(message: string, details: unknown): string {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return message;
  const parts = Object.entries(details as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([field, text]) => `${field}: ${text}`);
  return parts.length ? `${message} (${parts.join('; ')})` : message;
}
