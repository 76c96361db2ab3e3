import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** The Redis tests use: TEST_REDIS_URL, else the one CI runs at 127.0.0.1:6379. */
export const testRedisUrl = () => process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A channel and key prefix of its own for one test run, so parallel runs never meet. */
export const testRedisPrefix = () => `selaras-test-${randomBytes(6).toString('hex')}:`;

// Run in a child so the answer is there before `describe` is called (jest has no async describe).
const PROBE = `
const net = require('node:net');
const url = new URL(process.argv[1]);
const socket = net.connect(Number(url.port || 6379), url.hostname);
const fail = () => process.exit(1);
socket.setTimeout(1500, fail);
socket.on('error', fail);
socket.on('connect', () => socket.write('PING\\r\\n'));
socket.on('data', (d) => process.exit(d.toString().startsWith('+PONG') || d.toString().startsWith('-NOAUTH') ? 0 : 1));
`;

/** Why Redis cannot be used by tests, or undefined when it answers a PING. */
export function redisUnavailable(url = testRedisUrl()): string | undefined {
  try {
    execFileSync(process.execPath, ['-e', PROBE, url], { timeout: 3_000, stdio: 'ignore' });
    return undefined;
  } catch {
    return `Redis does not answer at ${url} (set TEST_REDIS_URL)`;
  }
}
