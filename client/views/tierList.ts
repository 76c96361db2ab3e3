import type { TierStatus } from '../api/types';
import { formatTime, h } from './dom';

const TIER_STATUS_LABELS: Readonly<Record<TierStatus['status'], string>> = {
  approved: 'sudah paraf',
  stale: 'perlu diperbarui',
  pending: 'belum',
};

/**
 * The tiers of an agency's paraf hierarki, lowest first (Kasubbag, Kabag, Kepala): who
 * initialled which revision and whether it still holds. Nothing for an agency without tiers.
 */
export function tierList(tiers: readonly TierStatus[] | undefined): HTMLOListElement | null {
  if (!tiers?.length) return null;
  return h(
    'ol',
    { class: 'paraf-tiers' },
    ...tiers.map((tier) =>
      h(
        'li',
        { dataset: { tier: String(tier.position), status: tier.status } },
        h('span', { class: 'tier-label' }, tier.label),
        ': ',
        h('span', { class: `badge signoff-${tier.status}` }, TIER_STATUS_LABELS[tier.status]),
        tier.by && h('span', { class: 'muted' }, ` ${tier.by}`),
        tier.revision !== null &&
          tier.status !== 'pending' &&
          h('span', { class: 'muted' }, ` rev. ${tier.revision}`),
        tier.at && h('span', { class: 'muted' }, `, ${formatTime(tier.at)}`),
      ),
    ),
  );
}
