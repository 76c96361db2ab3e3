import { SessionCache } from '../../server/accounts/sessionCache';
import type { Actor } from '../../server/accounts/present';

// The session cache on its own, with a clock the test moves; the HTTP tests (accounts,
// administration) show sign-out, password and account changes taking effect at once through it.

const actor = (id: string): Actor => ({
  id,
  email: `${id}@selaras.test`,
  name: `Pengguna ${id}`,
  role: 'reviewer',
  agency: { code: 'INSPEKTORAT', name: 'Inspektorat' },
});

function cacheAt(start = 1_000_000) {
  const clock = { now: start };
  return { clock, cache: new SessionCache(1_000, () => clock.now) };
}

const later = new Date(2_000_000_000_000);

it('trusts a session read from the database for the limit, and not past it', () => {
  const { clock, cache } = cacheAt();
  cache.remember('h1', actor('u1'), later, cache.mark());
  clock.now += 999;
  expect(cache.get('h1')?.id).toBe('u1');
  clock.now += 1;
  expect(cache.get('h1')).toBeUndefined();
});

it('never trusts a session past its own expiry', () => {
  const { clock, cache } = cacheAt();
  cache.remember('h1', actor('u1'), new Date(clock.now + 200), cache.mark());
  clock.now += 200;
  expect(cache.get('h1')).toBeUndefined();
});

it('forgets signed-out sessions and every session of a changed account at once', () => {
  const { cache } = cacheAt();
  const mark = cache.mark();
  cache.remember('a1', actor('a'), later, mark);
  cache.remember('a2', actor('a'), later, mark);
  cache.remember('b1', actor('b'), later, mark);
  cache.forget(['b1']);
  expect(cache.get('b1')).toBeUndefined();
  cache.forgetUser('a');
  expect([cache.get('a1'), cache.get('a2')]).toEqual([undefined, undefined]);
  cache.remember('c1', actor('c'), later, cache.mark());
  cache.clear();
  expect(cache.get('c1')).toBeUndefined();
});

it('does not keep a session read before a sign-out that landed while the read was under way', () => {
  const { cache } = cacheAt();
  // A request looks its session up; meanwhile the session is signed out and forgotten.
  const mark = cache.mark();
  cache.forget(['h1']);
  cache.remember('h1', actor('u1'), later, mark);
  expect(cache.get('h1')).toBeUndefined();
});
