import { serverWithCast } from '../support/server';
import { createDocument } from '../support/factories';
import { normalise, pdfLayout, pdfPages } from '../exports/readBack';

const suite = serverWithCast();
jest.setTimeout(120_000);

const recordA = {
  officialName: 'Ombudsman Republik Indonesia Perwakilan Provinsi Kalimantan Barat',
  signatoryName: 'Nama Kepala Perwakilan Uji',
  signatoryTitle: 'Kepala Perwakilan Ombudsman Republik Indonesia Provinsi Kalimantan Barat',
  authority: 'Keputusan Ketua Ombudsman Republik Indonesia Nomor 1 Tahun 2025',
  address: 'Jalan Uji Nomor 1, Pontianak',
  numberFormat: '..../NK/ORI-KB/..../2025',
};
const recordB = {
  officialName: 'Pemerintah Provinsi Kalimantan Barat',
  signatoryName: 'Nama Gubernur Uji',
  signatoryTitle: 'Gubernur Kalimantan Barat',
  meterai: true,
};

async function download(path: string, token: string) {
  const res = await fetch(suite.server.url + path, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

describe('party records', () => {
  let id: string;
  beforeAll(async () => {
    const { call, cast } = suite;
    id = await createDocument(call, cast);
  });

  it('are written by the drafter for a signing party only, and read by every participant', async () => {
    const { call, cast } = suite;
    const put = (code: string, token: string, body: unknown) =>
      call('PUT', `/api/documents/${id}/parties/${code}`, { token, body });
    expect(
      (await call('GET', `/api/documents/${id}/parties`, { token: cast.reviewer.token })).body,
    ).toEqual({});
    expect((await put(cast.partyA.code, cast.reviewer.token, recordA)).status).toBe(403);
    expect((await put(cast.partyA.code, cast.headA.token, recordA)).status).toBe(403);
    expect((await put(cast.inspectorate.code, cast.drafter.token, recordA)).status).toBe(404);
    expect((await put(cast.partyA.code, cast.drafter.token, { officialName: 'X' })).status).toBe(
      400,
    );
    expect(
      (await put(cast.partyB.code, cast.drafter.token, { ...recordB, agencies: ['NOPE'] })).status,
    ).toBe(400);
    const a = await put(cast.partyA.code, cast.drafter.token, recordA);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ ...recordA, meterai: false, agencies: [] });
    expect(
      (
        await put(cast.partyB.code, cast.drafter.token, {
          ...recordB,
          agencies: [cast.inspectorate.code],
        })
      ).status,
    ).toBe(200);
    const read = await call<Record<string, unknown>>('GET', `/api/documents/${id}/parties`, {
      token: cast.reviewer.token,
    });
    expect(read.body[cast.partyA.code]).toMatchObject(recordA);
    expect(read.body[cast.partyB.code]).toMatchObject({
      ...recordB,
      agencies: [cast.inspectorate.code],
      authority: null,
    });
    const audit = await call<{ kind: string }[]>('GET', `/api/documents/${id}/audit`, {
      token: cast.drafter.token,
    });
    expect(audit.body.filter((e) => e.kind === 'party.updated')).toHaveLength(2);
  });

  it('sign the PDF: jabatan and names from the records, never an account name', async () => {
    const { call, cast } = suite;
    await call('POST', `/api/documents/${id}/revisions`, { token: cast.drafter.token, body: {} });
    const res = await download(`/api/documents/${id}/export.pdf`, cast.reviewer.token);
    expect(res.status).toBe(200);
    const text = normalise((await pdfPages(res.body)).join(' '));
    expect(text).toContain(`PIHAK KESATU, ${recordA.signatoryTitle.toUpperCase()}`);
    expect(text).toContain(recordA.signatoryName);
    expect(text).toContain(
      `${recordB.signatoryTitle.toUpperCase()} Meterai ${recordB.signatoryName}`,
    );
    for (const head of [cast.headA, cast.headB]) expect(text).not.toContain(head.name);
  });

  it("give each party's copy its own lembar paraf, and the file copy every party's", async () => {
    const { cast } = suite;
    const read = async (query: string) =>
      normalise(
        (
          await pdfPages(
            (await download(`/api/documents/${id}/export.pdf${query}`, cast.reviewer.token)).body,
          )
        ).join(' '),
      );
    const file = await read('');
    const own = await read(`?copy=${cast.partyA.code}`);
    expect(file).toContain(`PIHAK KEDUA: ${recordB.officialName}`);
    expect(file).toContain(cast.inspectorate.name);
    expect(own).toContain(`PIHAK KESATU: ${recordA.officialName}`);
    expect(own).not.toContain('PIHAK KEDUA: ');
    expect(own).not.toContain(cast.inspectorate.name);
    expect(
      (
        await download(
          `/api/documents/${id}/export.pdf?copy=${cast.inspectorate.code}`,
          cast.reviewer.token,
        )
      ).status,
    ).toBe(404);
  });

  it('are laid out on F4 paper with ?paper=F4', async () => {
    const res = await download(
      `/api/documents/${id}/export.pdf?paper=F4`,
      suite.cast.reviewer.token,
    );
    const [page] = await pdfLayout(res.body);
    expect([page.width, page.height].map((pt) => Math.round((pt / 72) * 25.4))).toEqual([215, 330]);
  });
});
