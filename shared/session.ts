/** The cookie the browser client's session travels in (HttpOnly: set and read by the server). */
export const SESSION_COOKIE = 'selaras_session';

/** The header a cookie-authenticated state change must carry (a cross-site form cannot set it). */
export const CSRF_HEADER = 'x-selaras-csrf';

/**
 * The session token in a `Cookie` header, or undefined. The first `selaras_session` wins, as
 * browsers send the most specific first; a value that is not valid percent-encoding is no token.
 */
export function sessionCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const raw = part.slice(eq + 1).trim();
    const value = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    try {
      return decodeURIComponent(value) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
