import { SESSION_COOKIE, sessionCookie } from '../../shared/session';

describe('sessionCookie', () => {
  it('finds the session among other cookies, with spaces, and decodes it', () => {
    expect(sessionCookie(`theme=dark; ${SESSION_COOKIE}=ab%2Bc ; lang=id`)).toBe('ab+c');
    expect(sessionCookie(`${SESSION_COOKIE}="quoted"`)).toBe('quoted');
  });

  it('takes the first of two session cookies, as browsers send the most specific first', () => {
    expect(sessionCookie(`${SESSION_COOKIE}=first; ${SESSION_COOKIE}=second`)).toBe('first');
  });

  it('finds nothing without the cookie, in a cookie with a longer name, or in an empty or malformed one', () => {
    expect(sessionCookie(undefined)).toBeUndefined();
    expect(sessionCookie('other=1')).toBeUndefined();
    expect(sessionCookie(`${SESSION_COOKIE}x=1`)).toBeUndefined();
    expect(sessionCookie(`${SESSION_COOKIE}=`)).toBeUndefined();
    expect(sessionCookie(`${SESSION_COOKIE}=%E0%A4%A`)).toBeUndefined();
  });
});
