/** One user's run of edits to one document, audited as a single `edit` event. */
export interface EditSession {
  userId: string;
  firstAt: Date;
  lastAt: Date;
  /** How many updates the user's edits produced. */
  updates: number;
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

  /** Counts one update by `userId`, starting a session if none runs. */
  note(userId: string, at: Date = new Date()): void {
    const session = this.running.get(userId);
    if (session) {
      session.lastAt = at;
      session.updates += 1;
      session.timer.refresh();
      return;
    }
    const timer = setTimeout(() => this.end(userId), this.idleMs);
    timer.unref();
    this.running.set(userId, { userId, firstAt: at, lastAt: at, updates: 1, timer });
  }

  /** Ends the session of `userId`, if one runs. */
  end(userId: string): void {
    const session = this.running.get(userId);
    if (!session) return;
    clearTimeout(session.timer);
    this.running.delete(userId);
    this.onEnd({
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
