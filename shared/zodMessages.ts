import { z } from 'zod';

/**
 * Indonesian messages for zod's issues, installed once as zod's global error map by the server's
 * validation and by the web client, so a refused field reads "Judul wajib diisi" and not zod's
 * English. Messages written in a schema itself still win.
 */

/** The names fields are shown under, by the last key of an issue's path. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Judul',
  name: 'Nama',
  email: 'Email',
  password: 'Kata sandi',
  currentPassword: 'Kata sandi saat ini',
  newPassword: 'Kata sandi baru',
  role: 'Peran',
  agency: 'Instansi',
  code: 'Kode',
  kind: 'Jenis',
  parties: 'Para pihak',
  reviewers: 'Instansi penelaah',
  text: 'Teks',
  heading: 'Judul pasal',
  body: 'Komentar',
  clauseId: 'Pasal',
  parentId: 'Komentar induk',
  proposal: 'Usulan redaksi',
  revision: 'Revisi',
  label: 'Label',
  note: 'Catatan',
  decision: 'Keputusan',
  clauses: 'Pasal',
  place: 'Tempat',
  startsAt: 'Waktu mulai',
  textHash: 'Hash teks',
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'teks',
  number: 'angka',
  int: 'bilangan bulat',
  boolean: 'benar/salah',
  array: 'daftar',
  object: 'objek',
  date: 'tanggal',
};

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  email: 'alamat email',
  uuid: 'pengenal (UUID)',
  url: 'alamat URL',
  datetime: 'waktu ISO 8601',
  date: 'tanggal',
};

type Issue = z.core.$ZodRawIssue;

/** The label of the field an issue is about, or "Nilai" when the path names none we know. */
function labelOf(path: readonly PropertyKey[] | undefined): string {
  const key = [...(path ?? [])].reverse().find((k) => typeof k === 'string');
  return (typeof key === 'string' && FIELD_LABELS[key]) || 'Nilai';
}

function sizeLimit(issue: { origin?: string }, bound: string, limit: unknown): string {
  if (issue.origin === 'string') return `${bound} ${String(limit)} karakter`;
  if (issue.origin === 'array' || issue.origin === 'set') return `${bound} ${String(limit)} butir`;
  return `${bound} ${String(limit)}`;
}

/** The Indonesian message of one zod issue. */
export function indonesianMessage(issue: Issue): string {
  const label = labelOf(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${label} wajib diisi`;
      return `${label} harus berupa ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return `${label} wajib diisi`;
      if (issue.origin === 'array' && Number(issue.minimum) === 1)
        return `${label} minimal berisi satu butir`;
      return `${label} ${sizeLimit(issue, 'minimal', issue.minimum)}`;
    case 'too_big':
      return `${label} ${sizeLimit(issue, 'maksimal', issue.maximum)}`;
    case 'invalid_format':
      return `${label} bukan ${FORMAT_NAMES[issue.format] ?? 'format yang benar'}`;
    case 'invalid_value':
      return `${label} harus salah satu dari: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `kolom tidak dikenal: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return `${label} tidak valid`;
    case 'not_multiple_of':
      return `${label} harus kelipatan ${String(issue.divisor)}`;
    default:
      return `${label} tidak valid`;
  }
}

let installed = false;

/** Makes Indonesian messages zod's global default (once; later calls do nothing). */
export function installIndonesianMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: (issue) => indonesianMessage(issue) });
}
