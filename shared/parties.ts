import { z } from 'zod';
import { hasControlChars } from './controlChars';

// A party record is what the naskah says of a signing party: its official name written out,
// who signs for it and in which office, on what authority, where it sits and how it numbers
// its copy. The komparisi and the signature block are printed from it, never from accounts.

const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !hasControlChars(s), 'karakter kendali tidak diizinkan');

/** `PUT /api/documents/:id/parties/:agencyCode`: one party's record. */
export const partyInput = z.object({
  officialName: line(300),
  signatoryName: line(200),
  signatoryTitle: line(200),
  authority: line(500).optional(),
  address: line(500).optional(),
  numberFormat: line(200).optional(),
  /** Whether this party affixes the meterai (its signature space shows a marked box). */
  meterai: z.boolean().optional(),
  /** The reviewing agencies coordinating under this party (its lembar paraf koordinasi). */
  agencies: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[A-Z0-9_-]{2,32}$/),
    )
    .max(50)
    .optional(),
});

/** One party's record as stored and presented. */
export interface PartyRecord {
  officialName: string;
  signatoryName: string;
  signatoryTitle: string;
  authority: string | null;
  address: string | null;
  numberFormat: string | null;
  meterai: boolean;
  agencies: string[];
}

/** `GET /api/documents/:id/parties`: every party with a record, by agency code. */
export type PartyRecords = Record<string, PartyRecord>;

/** What a party prints when the drafter has not written its record yet. */
export function placeholderParty(agencyName: string): PartyRecord {
  return {
    officialName: agencyName,
    signatoryName: '....................................',
    signatoryTitle: '(jabatan penandatangan)',
    authority: null,
    address: null,
    numberFormat: null,
    meterai: false,
    agencies: [],
  };
}

const ORDINALS = ['KESATU', 'KEDUA', 'KETIGA', 'KEEMPAT', 'KELIMA', 'KEENAM', 'KETUJUH'];
const BLANK = '..........';

/** `PIHAK KESATU`, `PIHAK KEDUA`, ... for the party at `index` (0-based). */
export function partyLabel(index: number): string {
  return `PIHAK ${ORDINALS[index] ?? `KE-${index + 1}`}`;
}

/**
 * The komparisi entry of the party at `index`, without its number (derived, `1.`, `2.`):
 * `NAMA : Jabatan, berkedudukan di ..., dalam hal ini bertindak dalam jabatannya untuk dan atas
 * nama ... berdasarkan ..., yang selanjutnya disebut PIHAK KESATU.` Blanks where a record is
 * missing a field (or the party has no record yet).
 */
export function komparisiText(
  officialName: string,
  index: number,
  record: Partial<PartyRecord> | null = null,
): string {
  const name = record?.signatoryName?.toUpperCase() ?? BLANK;
  const title = record?.signatoryTitle ?? BLANK;
  const address = record?.address ?? BLANK;
  const authority = record?.authority ?? BLANK;
  return (
    `${name} : ${title}, berkedudukan di ${address}, dalam hal ini bertindak dalam jabatannya ` +
    `untuk dan atas nama ${officialName} berdasarkan ${authority}, yang selanjutnya disebut ` +
    `${partyLabel(index)}.`
  );
}

/** Tells the party index a komparisi entry names (`... disebut PIHAK KEDUA.` → 1), or -1. */
export function komparisiIndex(text: string): number {
  const match = /yang selanjutnya disebut PIHAK ([A-Z-]+\d*)[.;]?\s*$/.exec(text.trim());
  if (!match) return -1;
  const at = ORDINALS.indexOf(match[1]);
  if (at !== -1) return at;
  const numbered = /^KE-(\d+)$/.exec(match[1]);
  return numbered ? Number(numbered[1]) - 1 : -1;
}
