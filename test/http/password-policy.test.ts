import { spawn } from 'node:child_process';
import path from 'node:path';
import { migrate } from '../../server/db';
import { seedDemo } from '../../server/seed/demo';
import { passwordProblem } from '../../shared/passwordPolicy';
import { createTestDb } from '../support/db';
import { serverWithCast } from '../support/server';

const t = serverWithCast();

const WEAK = [
  ' '.repeat(8),
  ' '.repeat(12),
  '\t \n'.repeat(4),
  'pendek123',
  'rahasia123',
  'Rahasia123',
  'password123',
  'qwertyuiop',
  '1234567890',
  ' 1234567890 ',
  'aaaaaaaaaaaa',
];

describe('a new password', () => {
  it('is refused with 400 naming the password when short, blank, one repeated character or common, and accepted otherwise', async () => {
    const before = await t.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    for (const [i, password] of WEAK.entries()) {
      const res = await t.call<{ error: { code: string; details: Record<string, string> } }>(
        'POST',
        '/api/users',
        {
          token: t.cast.admin.token,
          body: {
            email: `lemah-${i}@uji.test`,
            name: 'Pengguna Lemah',
            password,
            role: 'reviewer',
            agency: t.cast.inspectorate.code,
          },
        },
      );
      expect({ password, status: res.status }).toEqual({ password, status: 400 });
      expect(res.body.error.code).toBe('invalid_input');
      expect(Object.keys(res.body.error.details)).toEqual(['password']);
      expect(res.body.error.details.password).toMatch(/kata sandi/);
    }
    const after = await t.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    // Ten characters or more that are not a common password: accepted, and it signs in.
    const body = {
      email: 'kuat@uji.test',
      name: 'Pengguna Kuat',
      password: 'Teluk Kapuas 7 senja',
      role: 'reviewer',
      agency: t.cast.inspectorate.code,
    };
    expect((await t.call('POST', '/api/users', { token: t.cast.admin.token, body })).status).toBe(
      201,
    );
    const login = await t.call('POST', '/api/auth/login', {
      body: { email: body.email, password: body.password },
    });
    expect(login.status).toBe(200);
  });

  // A guard for the seed: its generated logins must keep passing the policy.
  it('is generated for the demo logins within the policy', async () => {
    const testDb = await createTestDb();
    try {
      await migrate(testDb.db);
      const logins = await seedDemo(testDb.db);
      expect(logins?.length).toBeGreaterThan(4);
      for (const login of logins!) expect(passwordProblem(login.password)).toBeUndefined();
    } finally {
      await testDb.drop();
    }
  });
});

/** Runs `server/main.ts` with `env` until it exits; its exit code and everything it printed. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, NODE_OPTIONS: '', PORT: '0', SEED_DEMO: '0', ...env },
      stdio: 'pipe',
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('ADMIN_PASSWORD', () => {
  it('that is weak stops the server at start with a message naming it, before any account exists', async () => {
    const { code, output } = await runMain({
      ADMIN_EMAIL: 'admin@lemah.test',
      ADMIN_PASSWORD: 'rahasia123',
      // An address nothing listens on: the start must fail before the database is touched.
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/ADMIN_PASSWORD: kata sandi ini terlalu umum/);
    expect(output).not.toContain('rahasia123');
  }, 90_000);
});
