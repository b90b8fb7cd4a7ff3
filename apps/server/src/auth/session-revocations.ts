import { type Db, findLiveSessionHashes } from '@app/db';

export interface SessionRef {
  tokenHash: string;
  expiresAt: Date;
}

export interface FollowedSession {
  /** Aborts when the request's own signal does, or when the session ends. */
  signal: AbortSignal;
  /** True once the session (not the request) ended the stream. */
  readonly ended: boolean;
  dispose(): void;
}

interface Follower {
  end(): void;
}

/** setTimeout cannot wait longer than 2^31-1 ms; later expiries are left to the sweep. */
const maxTimerMs = 2 ** 31 - 1;

/**
 * Ends long-lived requests (the `jobs.events` streams) when their session stops being valid, so a
 * signed-out cookie cannot keep receiving a job's events:
 * - sign-out in this process calls `revoked()`, which ends that session's streams at once;
 * - expiry ends them at once by a timer at `expiresAt`;
 * - sign-out in another server process is found by a sweep every `checkIntervalMs`, one query
 *   for every followed session, so it ends here within that interval.
 * The sweep runs only while something is followed and does not hold the process open.
 */
export class SessionRevocations {
  private readonly followers = new Map<string, Set<Follower>>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly db: Db,
    private readonly options: { checkIntervalMs: number; onError?: (error: unknown) => void } = {
      checkIntervalMs: 5_000,
    },
  ) {}

  get followedSessions(): number {
    return this.followers.size;
  }

  follow(session: SessionRef | null, requestSignal: AbortSignal): FollowedSession {
    const controller = new AbortController();
    let ended = false;
    let disposed = false;
    const onRequestAbort = () => controller.abort();
    if (requestSignal.aborted) controller.abort();
    else requestSignal.addEventListener('abort', onRequestAbort, { once: true });
    if (!session) {
      return {
        signal: controller.signal,
        ended: false,
        dispose: () => requestSignal.removeEventListener('abort', onRequestAbort),
      };
    }
    const untilExpiry = session.expiresAt.getTime() - Date.now();
    const expiryTimer =
      untilExpiry <= maxTimerMs ? setTimeout(() => follower.end(), Math.max(0, untilExpiry)) : null;
    expiryTimer?.unref();
    const follower: Follower = {
      end: () => {
        ended = true;
        controller.abort();
        dispose();
      },
    };
    const dispose = () => {
      if (disposed) return;
      disposed = true;
      if (expiryTimer) clearTimeout(expiryTimer);
      requestSignal.removeEventListener('abort', onRequestAbort);
      const set = this.followers.get(session.tokenHash);
      set?.delete(follower);
      if (set?.size === 0) this.followers.delete(session.tokenHash);
      if (this.followers.size === 0) this.stopSweep();
    };
    let set = this.followers.get(session.tokenHash);
    if (!set) {
      set = new Set();
      this.followers.set(session.tokenHash, set);
    }
    set.add(follower);
    this.startSweep();
    return {
      signal: controller.signal,
      get ended() {
        return ended;
      },
      dispose,
    };
  }

  /** The session was revoked (sign-out): end its followers now. */
  revoked(tokenHash: string): void {
    for (const follower of [...(this.followers.get(tokenHash) ?? [])]) follower.end();
  }

  /** Checks every followed session against the sessions table; exported for the sweep and tests. */
  async sweep(): Promise<void> {
    if (this.sweeping || this.followers.size === 0) return;
    this.sweeping = true;
    try {
      const hashes = [...this.followers.keys()];
      const live = await findLiveSessionHashes(this.db, hashes);
      for (const hash of hashes) if (!live.has(hash)) this.revoked(hash);
    } catch (error) {
      // A failed check (database briefly away) ends nothing: the next sweep tries again.
      this.options.onError?.(error);
    } finally {
      this.sweeping = false;
    }
  }

  close(): void {
    this.stopSweep();
  }

  private startSweep(): void {
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => void this.sweep(), this.options.checkIntervalMs);
    this.sweepTimer.unref();
  }

  private stopSweep(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }
}
