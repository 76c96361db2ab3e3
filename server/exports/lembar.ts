import { indonesianDate, partyLabel, PARAF_STATUS_LABEL } from './layout';
import type { ExportModel } from './model';

// The lembar paraf koordinasi: a page per party listing the officials of that party's
// agencies who initial the naskah before its head signs. The Paraf column is left empty for
// the wet initial; what the application recorded (who, when, on which revision) sits beside
// it. The heads who sign are not listed: they do not initial their own naskah.

/** The heading of a lembar paraf koordinasi. */
export const LEMBAR_HEADING = 'LEMBAR PARAF KOORDINASI';

/** The column headings of a lembar paraf koordinasi. */
export const LEMBAR_COLUMNS = ['No', 'Jabatan', 'Nama', 'Paraf', 'Tanggal', 'Revisi'] as const;

/** The share of the text width each lembar column takes, in LEMBAR_COLUMNS order. */
export const LEMBAR_WIDTHS = [0.06, 0.34, 0.18, 0.12, 0.14, 0.16] as const;

/** One party's lembar: its caption lines and its rows, already as printed. */
export interface Lembar {
  /** Lines under the heading: whose lembar it is and which naskah it is for. */
  caption: string[];
  rows: string[][];
}

/** The lembar paraf koordinasi of the copy: every party's (file copy) or the one party's own. */
export function lembarParaf(model: ExportModel): Lembar[] {
  const assigned = new Set(model.parties.flatMap((p) => [p.code, ...p.agencies]));
  const lembar = model.parties.flatMap((party, index) => {
    if (model.copy && model.copy !== party.code) return [];
    const codes = [party.code, ...party.agencies];
    const entries = codes.flatMap((code) =>
      model.paraf.filter((e) => e.agency.code === code && !e.byHead),
    );
    if (entries.length === 0) return [];
    return [
      {
        caption: [`${partyLabel(index)}: ${party.name}`, `Naskah: ${model.title}`],
        rows: entries.flatMap(lembarRows),
      },
    ];
  });
  const others = model.paraf.filter((e) => !assigned.has(e.agency.code));
  // Agencies no party claims are the bureau's concern only: never on a party's own copy.
  if (!model.copy && others.length)
    lembar.push({
      caption: ['Instansi peninjau lainnya', `Naskah: ${model.title}`],
      rows: others.flatMap(lembarRows),
    });
  return lembar.map((l) => ({ ...l, rows: l.rows.map((row, i) => [String(i + 1), ...row]) }));
}

/** An agency's rows: one per tier of its paraf hierarki, lowest first, or one for the agency. */
function lembarRows(entry: ExportModel['paraf'][number]): string[][] {
  if (!entry.tiers?.length) return [lembarRow(entry)];
  return entry.tiers.map((tier) =>
    lembarRow({
      ...entry,
      ...tier,
      agency: { ...entry.agency, name: `${tier.label}, ${entry.agency.name}` },
    }),
  );
}

function lembarRow(entry: ExportModel['paraf'][number]): string[] {
  const revision = entry.revision ?? null;
  const given = revision === null ? '' : String(revision);
  const trace =
    entry.status === 'approved' || entry.status === 'pending'
      ? given
      : `${given} (${PARAF_STATUS_LABEL[entry.status].toLowerCase()})`;
  return [
    entry.agency.name,
    entry.by ?? '',
    '',
    entry.status === 'approved' ? indonesianDate(entry.at) : '',
    trace,
  ];
}
