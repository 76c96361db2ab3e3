import type { Db } from '../db';
import { countUsers, findAgencies, insertAgency } from '../accounts/queries';
import { createUser } from '../accounts/accounts';
import { generatePassword } from '../accounts/passwords';
import type { Role } from '../accounts/present';
import { createDocument } from '../documents/documents';
import { storedTextAccess } from '../documents/access';
import { setParty } from '../parties/parties';

/** The agencies of the Ombudsman Kalbar – Pemprov Kalbar alignment. */
export const DEMO_AGENCIES = [
  { code: 'ORI-KALBAR', name: 'Ombudsman Republik Indonesia Perwakilan Provinsi Kalimantan Barat' },
  { code: 'PEMPROV-KALBAR', name: 'Pemerintah Provinsi Kalimantan Barat' },
  { code: 'BIRO-HUKUM', name: 'Biro Hukum Setda Provinsi Kalimantan Barat' },
  { code: 'BAGIAN-KS', name: 'Bagian Kerja Sama Setda Provinsi Kalimantan Barat' },
  { code: 'INSPEKTORAT', name: 'Inspektorat Provinsi Kalimantan Barat' },
  { code: 'BAPPEDA', name: 'Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Barat' },
  { code: 'BKAD', name: 'Badan Keuangan dan Aset Daerah Provinsi Kalimantan Barat' },
  { code: 'DISDIKBUD', name: 'Dinas Pendidikan dan Kebudayaan Provinsi Kalimantan Barat' },
  { code: 'BPSDM', name: 'Badan Pengembangan Sumber Daya Manusia Provinsi Kalimantan Barat' },
  { code: 'BIRO-ORG', name: 'Biro Organisasi Setda Provinsi Kalimantan Barat' },
  { code: 'BIRO-PEM', name: 'Biro Pemerintahan Setda Provinsi Kalimantan Barat' },
];

const PARTIES = ['ORI-KALBAR', 'PEMPROV-KALBAR'];
const REVIEWERS = DEMO_AGENCIES.map((a) => a.code).filter((c) => !PARTIES.includes(c));

/** The demo's party records: blanks where a real naskah names the officials. */
const DEMO_PARTY_RECORDS = {
  'ORI-KALBAR': {
    officialName: 'Ombudsman Republik Indonesia Perwakilan Provinsi Kalimantan Barat',
    signatoryName: '[Nama Kepala Perwakilan]',
    signatoryTitle: 'Kepala Perwakilan Ombudsman Republik Indonesia Provinsi Kalimantan Barat',
    authority: 'Keputusan Ketua Ombudsman Republik Indonesia Nomor .......... Tahun ..........',
    address: 'Kota Pontianak',
  },
  'PEMPROV-KALBAR': {
    officialName: 'Pemerintah Provinsi Kalimantan Barat',
    signatoryName: '[Nama Gubernur]',
    signatoryTitle: 'Gubernur Kalimantan Barat',
    authority: 'Keputusan Presiden Republik Indonesia Nomor .......... Tahun ..........',
    address: 'Kota Pontianak',
    meterai: true,
    // The Pemprov's perangkat daerah initial on its own lembar paraf, not on the Ombudsman's copy.
    agencies: REVIEWERS,
  },
};

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  agency: string;
}

/** One user per role, plus a reviewer for every reviewing agency so the demo can reach `final`. */
const DEMO_USERS: DemoUser[] = [
  { email: 'admin@selaras.test', name: 'Admin Selaras', role: 'admin', agency: 'BIRO-HUKUM' },
  {
    email: 'perancang@selaras.test',
    name: 'Rina Perancang',
    role: 'drafter',
    agency: 'BIRO-HUKUM',
  },
  {
    email: 'kepala.ombudsman@selaras.test',
    name: 'Kepala Perwakilan Ombudsman',
    role: 'head',
    agency: 'ORI-KALBAR',
  },
  {
    email: 'gubernur@selaras.test',
    name: 'Gubernur Kalimantan Barat',
    role: 'head',
    agency: 'PEMPROV-KALBAR',
  },
  ...REVIEWERS.map((code) => ({
    email: `${code.toLowerCase()}@selaras.test`,
    name: `Penelaah ${DEMO_AGENCIES.find((a) => a.code === code)!.name}`,
    role: 'reviewer' as const,
    agency: code,
  })),
];

/** Seeds the demo workspace on an empty database; returns the logins to print once, or null. */
export async function seedDemo(
  db: Db,
): Promise<{ email: string; password: string; role: Role }[] | null> {
  if ((await countUsers(db)) > 0) return null;
  for (const a of DEMO_AGENCIES)
    await insertAgency(db, a.code, a.name, PARTIES.includes(a.code) ? 'party' : 'reviewer');
  const logins = [];
  const created = new Map<string, Awaited<ReturnType<typeof createUser>>>();
  for (const u of DEMO_USERS) {
    const password = generatePassword();
    created.set(u.email, await createUser(db, null, { ...u, password }));
    logins.push({ email: u.email, password, role: u.role });
  }
  const drafter = created.get('perancang@selaras.test')!;
  const doc = await createDocument(db, drafter, {
    title: 'Nota Kesepakatan Peningkatan Kualitas Pelayanan Publik',
    parties: PARTIES,
    reviewers: REVIEWERS,
  });
  // The komparisi and the signature block print from these records, never from the accounts.
  const deps = { db, texts: storedTextAccess(db) };
  for (const [code, record] of Object.entries(DEMO_PARTY_RECORDS))
    await setParty(deps, drafter, doc, code, record);
  return logins;
}

/** True when the demo agencies exist (for tests and the README). */
export async function demoSeeded(db: Db): Promise<boolean> {
  return (await findAgencies(db, PARTIES)).length === PARTIES.length;
}
