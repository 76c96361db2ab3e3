import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { stopProcess } from './process';

/** Child processes spinning on every core, so a test runs on a machine as busy as a loaded CI runner. */
export interface CpuBurner {
  /** Stops every spinning child and waits until they are gone. */
  stop(): Promise<void>;
}

// Each child spins in slices and exits on its own after `maxMs`, or as soon as its parent is
// gone (the ppid changes), so a crashed test run never leaves a core spinning.
const SPIN = `
const end = Date.now() + Number(process.argv[1]);
const parent = process.ppid;
for (;;) {
  const slice = Date.now() + 50;
  while (Date.now() < slice) {}
  if (Date.now() > end || process.ppid !== parent) process.exit(0);
}
`;

/**
 * Starts spinning children, one per core but one (or `count`), each stopping itself after
 * `maxMs` at the latest. One core is left to the other jest worker, which with the servers under
 * test keeps the machine saturated anyway.
 */
export function burnCpu(
  maxMs: number,
  count = Math.max(1, os.availableParallelism() - 1),
): CpuBurner {
  const children: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    children.push(
      spawn(process.execPath, ['-e', SPIN, String(maxMs)], {
        env: { PATH: process.env.PATH ?? '' },
        stdio: 'ignore',
      }),
    );
  }
  return {
    stop: async () => {
      await Promise.all(children.map((child) => stopProcess(child)));
    },
  };
}
