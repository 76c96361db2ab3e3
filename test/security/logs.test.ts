import WebSocket from 'ws';
import { apiClient } from '../support/factories';
import { seedDocument, ServerProcess, SPAWNED_ADMIN } from '../support/process';
import { connectClient, typeInto, waitFor } from '../collab/clients';

jest.setTimeout(200_000);

let server: ServerProcess;
beforeAll(async () => {
  server = await ServerProcess.create();
  // The most talkative level: whatever the server logs, it logs here.
  await server.start({ LOG_LEVEL: 'trace' });
});
afterAll(() => server?.dispose());

describe('the server log', () => {
  it('holds requests and refusals but no password, token or database address', async () => {
    const call = apiClient(server.url);
    const { id, adminToken, drafterTokens } = await seedDocument(server.url, 'Uji log', 1);
    const [drafterToken] = drafterTokens;
    const wrongPassword = 'salah-sekali-rahasia-xyz';
    expect(
      (
        await call('POST', '/api/auth/login', {
          body: { email: SPAWNED_ADMIN.email, password: wrongPassword },
        })
      ).status,
    ).toBe(401);
    const editor = await connectClient(server, id, drafterToken);
    typeInto(editor.doc, 0, 'ketikan ');
    await waitFor(async () => {
      const clauses = await call<{ text: string }[]>('GET', `/api/documents/${id}/clauses`, {
        token: adminToken,
      });
      return clauses.body[0].text.includes('ketikan ');
    }, 'the edit applied');
    editor.destroy();
    // A refused upgrade with a token in its query.
    const refused = new WebSocket(
      `${server.url.replace('http', 'ws')}/collab/${id}?token=bukan-${drafterToken}`,
    );
    await new Promise((resolve) => refused.once('error', resolve));
    expect((await call('POST', '/api/auth/logout', { token: drafterToken })).status).toBe(204);

    const output = server.output;
    expect(output).toMatch(/"msg":"request"/);
    expect(output).toMatch(/"msg":"upgrade refused"/);
    const secrets = [
      SPAWNED_ADMIN.password,
      'kata-sandi-perancang-0',
      wrongPassword,
      adminToken,
      drafterToken,
    ];
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/postgres(ql)?:\/\//);
  });
});
