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
