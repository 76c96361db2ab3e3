/**
 * Suites that need something outside Node (Chromium, Redis, a PostgreSQL server) skip without
 * it on a developer's machine, but fail in CI: a green CI run must mean every suite ran.
 */

/** A `describe` that may stand in for jest's: takes a name and a body. */
export type Describe = (name: string, body: () => void) => void;

/** Whether a missing prerequisite fails the run instead of skipping (`CI=true`, as CI sets it). */
export function prerequisitesRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env.CI ?? '').toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
}

/**
 * jest's `describe` when `missing` is undefined. Otherwise, outside CI, `describe.skip` after a
 * note saying why; in CI, a suite of one failing test naming what is missing, so the run fails
 * instead of counting skips.
 */
export function describeNeeding(missing: string | undefined, what: string): Describe {
  if (!missing) return describe;
  if (prerequisitesRequired()) {
    return (name) =>
      describe(name, () => {
        it(`has ${what}`, () => {
          throw new Error(`${missing}. CI=true: a missing prerequisite fails instead of skipping.`);
        });
      });
  }
  console.warn(`${what} missing, tests skipped: ${missing}`);
  return describe.skip;
}
