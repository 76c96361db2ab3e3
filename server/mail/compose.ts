import type { InboxItem } from '../inbox/items';

/** A message's subject and plain-text body. */
export interface Composed {
  subject: string;
  body: string;
}

/** The recipient as a message greets it. */
export interface Addressee {
  name: string;
  agencyName: string;
}

/**
 * The link to the item in the web client: the document, opened at the Pasal the item is about
 * (`?pasal=` is read by the workspace, which scrolls there).
 */
export function linkTo(appUrl: string, item: InboxItem): string {
  const base = `${appUrl}/documents/${encodeURIComponent(item.documentId)}`;
  return item.clauseId ? `${base}?pasal=${encodeURIComponent(item.clauseId)}` : base;
}

const quote = (title: string) => `“${title}”`;

/** One line per item kind: what waits on the recipient, in Bahasa Indonesia. */
const SUMMARIES: Record<InboxItem['kind'], (item: InboxItem, to: Addressee) => string> = {
  signoff_needed: (item, to) => {
    const doc = `naskah ${quote(item.title)}`;
    if (item.status === 'stale')
      return `Paraf ${to.agencyName} atas ${doc} tidak berlaku lagi karena ${(item.changedLabels ?? []).join(', ')} berubah; revisi ${item.revision} menunggu paraf ulang.`;
    return `Revisi ${item.revision} ${doc} menunggu paraf koordinasi ${to.agencyName}.`;
  },
  proposal_pending: (item) =>
    `Usulan redaksi baru pada ${item.clauseLabel} naskah ${quote(item.title)} menunggu keputusan perancang.`,
  mention: (item, to) =>
    `${to.agencyName} disebut dalam komentar pada ${item.clauseLabel} naskah ${quote(item.title)}.`,
  approval_ready: (item) =>
    `Semua instansi telah memberi paraf setuju pada revisi ${item.revision} naskah ${quote(item.title)}; naskah siap Anda setujui.`,
};

const SUBJECTS: Record<InboxItem['kind'], string> = {
  signoff_needed: 'Paraf diperlukan',
  proposal_pending: 'Usulan redaksi menunggu',
  mention: 'Instansi Anda disebut',
  approval_ready: 'Naskah siap disetujui',
};

const FOOTER = [
  '',
  '--',
  'Pesan ini dikirim otomatis oleh Selaras. Atur pengiriman surel (segera, ringkasan harian',
  'atau tidak sama sekali) di halaman Pengaturan.',
];

/** The message for one new inbox item. */
export function composeItem(item: InboxItem, to: Addressee, appUrl: string): Composed {
  const lines = [`Yth. ${to.name},`, '', SUMMARIES[item.kind](item, to)];
  if (item.excerpt) lines.push('', `> ${item.excerpt.replace(/\n/g, '\n> ')}`);
  lines.push('', `Buka: ${linkTo(appUrl, item)}`, ...FOOTER);
  return {
    subject: `[Selaras] ${SUBJECTS[item.kind]}: ${item.title}`,
    body: lines.join('\n'),
  };
}

/** The daily digest of several items, newest first. */
export function composeDigest(items: InboxItem[], to: Addressee, appUrl: string): Composed {
  const lines = [
    `Yth. ${to.name},`,
    '',
    `Ringkasan harian Selaras: ${items.length} hal menunggu Anda.`,
  ];
  items.forEach((item, i) => {
    lines.push('', `${i + 1}. ${SUMMARIES[item.kind](item, to)}`, `   ${linkTo(appUrl, item)}`);
  });
  lines.push(...FOOTER);
  return {
    subject: `[Selaras] Ringkasan harian: ${items.length} hal menunggu Anda`,
    body: lines.join('\n'),
  };
}
