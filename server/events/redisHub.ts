import { z } from 'zod';
import type { Logger } from '../log';
import type { Bus } from './bus';
import { DOCUMENT_EVENT_TYPES } from '../../shared/events';
import { localEventHub, type DocumentEvent, type EventHub } from './hub';

const envelope = z.object({
  from: z.string(),
  event: z.object({
    type: z.enum(DOCUMENT_EVENT_TYPES),
    documentId: z.string(),
    at: z.string(),
    data: z.unknown(),
  }),
});

/** The channel every instance's events travel on. */
export const EVENTS_CHANNEL = 'events';

/**
 * An event hub shared by every instance on one Redis: an event is delivered to this
 * instance's listeners at once and published, tagged with the instance id, for the others.
 * Events are few (comments, sign-offs, approvals), so all documents share one channel that
 * each instance subscribes to before it serves: no event published after an instance started
 * is missed for want of a subscription. While Redis is unreachable, other instances miss
 * events; clients see them on their next reload.
 */
export async function redisEventHub(bus: Bus, log: Logger): Promise<EventHub & { close(): void }> {
  const local = localEventHub();
  const channel = bus.name(EVENTS_CHANNEL);
  const unsubscribe = await bus.subscribe(channel, (message) => {
    const parsed = envelope.safeParse(parseJson(message));
    if (!parsed.success) return log.warn('undecodable event on redis ignored');
    if (parsed.data.from === bus.instanceId) return;
    local.deliver(parsed.data.event as DocumentEvent);
  });
  return {
    publish(event) {
      const full: DocumentEvent = { ...event, at: new Date().toISOString() };
      local.deliver(full);
      bus.publish(channel, Buffer.from(JSON.stringify({ from: bus.instanceId, event: full })));
    },
    subscribe: local.subscribe,
    close: unsubscribe,
  };
}

function parseJson(message: Buffer): unknown {
  try {
    return JSON.parse(message.toString('utf8'));
  } catch {
    return undefined;
  }
}
