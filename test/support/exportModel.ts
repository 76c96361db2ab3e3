import type { Node } from 'prosemirror-model';
import { exportTextOf } from '../../server/exports/fromDoc';
import type { ExportModel } from '../../server/exports/model';
import { DEFAULT_TEMPLATE_PARTIES, TEMPLATE_SUBJECT, templateDoc } from '../../shared/template';

/** Builds a realistic ExportModel of the built-in template: two parties, four agencies in every paraf state. */
export function buildExportModel(
  overrides: Partial<ExportModel> = {},
  doc: Node = templateDoc(),
): ExportModel {
  return {
    documentId: '6f0c2a3e-8d1b-4c5e-9a7f-2b3c4d5e6f70',
    title: `Nota Kesepakatan tentang ${TEMPLATE_SUBJECT}`,
    ...exportTextOf(doc),
    parties: [
      {
        code: 'ORI-KB',
        name: DEFAULT_TEMPLATE_PARTIES.first,
        signatory: { name: 'Dr. Agus Priyadi, S.H., M.H.', title: 'Kepala Perwakilan' },
        meterai: false,
        agencies: [],
      },
      {
        code: 'PEMPROV-KB',
        name: DEFAULT_TEMPLATE_PARTIES.second,
        signatory: { name: 'H. Ria Norsan, M.M., M.H.', title: 'Gubernur Kalimantan Barat' },
        meterai: true,
        agencies: ['BIRO-HKM', 'INSP'],
      },
    ],
    paraf: [
      parafEntry('ORI-KB', DEFAULT_TEMPLATE_PARTIES.first, 'approved', 'Siti Rahmawati'),
      parafEntry('PEMPROV-KB', DEFAULT_TEMPLATE_PARTIES.second, 'stale', 'Bambang Wijaya'),
      parafEntry(
        'BIRO-HKM',
        'Biro Hukum Setda Provinsi Kalimantan Barat',
        'changes_requested',
        'Yohanes Edi',
      ),
      parafEntry('INSP', 'Inspektorat Provinsi Kalimantan Barat', 'pending', null),
    ],
    revision: { number: 3, label: 'Putaran paraf', createdAt: '2025-03-05T02:30:00.000Z' },
    finalHash: null,
    ...overrides,
  };
}

/** A SHA-256-looking hash for final-document exports. */
export const SAMPLE_FINAL_HASH = '9f2c4e1ab07d3c58e6f1a2b4c9d0e7f38a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d';

function parafEntry(
  code: string,
  name: string,
  status: ExportModel['paraf'][number]['status'],
  by: string | null,
): ExportModel['paraf'][number] {
  return {
    agency: { code, name },
    by,
    at: by === null ? null : '2025-03-04T09:15:00.000Z',
    status,
    revision: by === null ? null : 3,
  };
}
