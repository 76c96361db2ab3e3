import { readDocument } from '../../server/documents/text';
import { serverWithCast } from '../support/server';
import { createDocument } from '../support/factories';
import { connectClient, waitFor } from '../collab/clients';
import { extractNaskah } from '../../shared/naskah';

const suite = serverWithCast();
jest.setTimeout(120_000);

const record = {
  officialName: 'Pemerintah Provinsi Kalimantan Barat',
  signatoryName: 'Nama Gubernur Uji',
  signatoryTitle: 'Gubernur Kalimantan Barat',
  authority: 'Keputusan Presiden Nomor 1/P Tahun 2025',
  address: 'Jalan Ahmad Yani, Pontianak',
  numberFormat: '100.3.7/..../Biro Hukum/2025',
};
const expected =
  'NAMA GUBERNUR UJI : Gubernur Kalimantan Barat, berkedudukan di Jalan Ahmad Yani, Pontianak, ' +
  'dalam hal ini bertindak dalam jabatannya untuk dan atas nama Pemerintah Provinsi Kalimantan ' +
  'Barat berdasarkan Keputusan Presiden Nomor 1/P Tahun 2025, yang selanjutnya disebut PIHAK KEDUA.';

describe('the komparisi', () => {
  it('is rewritten from a party record in every open editor, and the pembukaan paraf goes stale', async () => {
    const { call, cast, server } = suite;
    const id = await createDocument(call, cast);
    const text = async () =>
      (
        await fetch(`${server.url}/api/documents/${id}/text`, {
          headers: { authorization: `Bearer ${cast.reviewer.token}` },
        })
      ).text();
    expect(await text()).toContain('2. .......... : .........., berkedudukan di ..........');
    await call('POST', `/api/documents/${id}/revisions`, { token: cast.drafter.token, body: {} });
    await call('POST', `/api/documents/${id}/revisions/1/signoffs`, {
      token: cast.reviewer.token,
      body: { decision: 'approve' },
    });
    const client = await connectClient(server, id, cast.reviewer.token);
    try {
      const res = await call('PUT', `/api/documents/${id}/parties/${cast.partyB.code}`, {
        token: cast.drafter.token,
        body: record,
      });
      expect(res.status).toBe(200);
      // The reviewer's open editor receives the new wording without reloading.
      await waitFor(
        () => extractNaskah(readDocument(client.doc)).pembukaan.text.includes(expected),
        'the komparisi in the open editor',
        20_000,
      );
      expect(await text()).toContain(`2. ${expected}`);
      // One Nomor line per party, in party order: the second is this party's.
      expect(await text()).toMatch(
        /Nomor : \.+\/NK\/\.+\/\.+\nNomor : 100\.3\.7\/\.\.\.\.\/Biro Hukum\/2025\n/,
      );
      // The first party's entry is left as it was.
      expect(await text()).toContain('1. .......... : ..........');
      await call('POST', `/api/documents/${id}/revisions`, { token: cast.drafter.token, body: {} });
      const statuses = await call<{ agency: { code: string }; status: string }[]>(
        'GET',
        `/api/documents/${id}/signoffs`,
        { token: cast.reviewer.token },
      );
      expect(statuses.body.find((s) => s.agency.code === cast.inspectorate.code)?.status).toBe(
        'stale',
      );
    } finally {
      client.destroy();
    }
  });
});
