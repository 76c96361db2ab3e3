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

/** Starts one spinning child per core (or `count`); each stops itself after `maxMs` at the latest. */
export function burnCpu(maxMs: number, count = os.availableParallelism()): CpuBurner {
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
