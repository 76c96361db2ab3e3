import { randomUUID } from 'node:crypto';
import type { TextEvent } from '../text/store';

/** One user's run of edits to one document, audited as a single `edit` event. */
export interface EditSession {
  /** Journalled with the session's stored updates until its `edit` event is recorded. */
  id: string;
  userId: string;
  firstAt: Date;
  lastAt: Date;
  /** How many updates the user's edits produced. */
  updates: number;
}

/**
 * The `edit` audit event of a session. `recovered` marks one its instance journalled but died
 * before auditing: its times are when its updates were stored, as the session ended with it.
 */
export function editEvent(
  session: Pick<EditSession, 'userId' | 'firstAt' | 'lastAt' | 'updates'>,
  recovered = false,
): TextEvent {
  return {
    actorId: session.userId,
    kind: 'edit',
    data: {
      firstAt: session.firstAt.toISOString(),
      lastAt: session.lastAt.toISOString(),
      updates: session.updates,
      ...(recovered ? { recovered: true } : {}),
    },
  };
}

interface Running extends EditSession {
  timer: NodeJS.Timeout;
}

/**
 * Groups a document's updates into editing sessions per user. A session ends when its user
 * has been quiet for `idleMs`, when the user's last connection leaves, or when the document
 * unloads; `onEnd` then receives it once.
 */
export class EditSessions {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly idleMs: number,
    private readonly onEnd: (session: EditSession) => void,
  ) {}

  /** Counts one update by `userId`, starting a session if none runs; returns the session's id. */
  note(userId: string, at: Date = new Date()): string {
    const session = this.running.get(userId);
    if (session) {
      session.lastAt = at;
      session.updates += 1;
      session.timer.refresh();
      return session.id;
    }
    const timer = setTimeout(() => this.end(userId), this.idleMs);
    timer.unref();
    const id = randomUUID();
    this.running.set(userId, { id, userId, firstAt: at, lastAt: at, updates: 1, timer });
    return id;
  }

  /** Ends the session of `userId`, if one runs. */
  end(userId: string): void {
    const session = this.running.get(userId);
    if (!session) return;
    clearTimeout(session.timer);
    this.running.delete(userId);
    this.onEnd({
      id: session.id,
      userId,
      firstAt: session.firstAt,
      lastAt: session.lastAt,
      updates: session.updates,
    });
  }

  /** Ends every running session. */
  endAll(): void {
    for (const userId of [...this.running.keys()]) this.end(userId);
  }
}
