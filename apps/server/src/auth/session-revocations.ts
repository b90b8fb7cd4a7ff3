import { type Db, findLiveAccessTokenIds, findLiveSessionHashes } from '@app/db';

/** What a request signed in with: a cookie session, or a personal access token (docs/auth.md). */
export type CredentialRef =
  | { kind: 'session'; tokenHash: string; expiresAt: Date }
  | { kind: 'accessToken'; tokenId: string };

export interface FollowedSession {
  /** Aborts when the request's own signal does, or when the credential ends. */
  signal: AbortSignal;
  /** True once the credential (not the request) ended the stream. */
  readonly ended: boolean;
  dispose(): void;
}

interface Follower {
  end(): void;
}

/** setTimeout cannot wait longer than 2^31-1 ms; later expiries are left to the sweep. */
const maxTimerMs = 2 ** 31 - 1;

const sessionKey = (tokenHash: string) => `session:${tokenHash}`;
const accessTokenKey = (tokenId: string) => `token:${tokenId}`;
const keyOf = (credential: CredentialRef) =>
  credential.kind === 'session' ? sessionKey(credential.tokenHash) : accessTokenKey(credential.tokenId);

/**
 * Ends long-lived requests (the `jobs.events` streams) when the credential they were opened with
 * stops being valid, so a signed-out cookie or a revoked token cannot keep receiving a job's events:
 * - sign-out or token revocation in this process calls `sessionRevoked()` / `accessTokenRevoked()`,
 *   which end its streams at once;
 * - session expiry ends them at once by a timer at `expiresAt` (tokens do not expire);
 * - revocation in another server process is found by a sweep every `checkIntervalMs`, one query
 *   per credential kind for every followed credential, so it ends here within that interval.
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

  follow(credential: CredentialRef | null, requestSignal: AbortSignal): FollowedSession {
    const controller = new AbortController();
    let ended = false;
    let disposed = false;
    const onRequestAbort = () => controller.abort();
    if (requestSignal.aborted) controller.abort();
    else requestSignal.addEventListener('abort', onRequestAbort, { once: true });
    if (!credential) {
      return {
        signal: controller.signal,
        ended: false,
        dispose: () => requestSignal.removeEventListener('abort', onRequestAbort),
      };
    }
    const key = keyOf(credential);
    const untilExpiry = credential.kind === 'session' ? credential.expiresAt.getTime() - Date.now() : null;
    const expiryTimer =
      untilExpiry !== null && untilExpiry <= maxTimerMs
        ? setTimeout(() => follower.end(), Math.max(0, untilExpiry))
        : null;
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
      const set = this.followers.get(key);
      set?.delete(follower);
      if (set?.size === 0) this.followers.delete(key);
      if (this.followers.size === 0) this.stopSweep();
    };
    let set = this.followers.get(key);
    if (!set) {
      set = new Set();
      this.followers.set(key, set);
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
  sessionRevoked(tokenHash: string): void {
    this.end(sessionKey(tokenHash));
  }

  /** The access token was revoked: end the streams opened with it now. */
  accessTokenRevoked(tokenId: string): void {
    this.end(accessTokenKey(tokenId));
  }

  /** Checks every followed credential against its table; exported for the sweep and tests. */
  async sweep(): Promise<void> {
    if (this.sweeping || this.followers.size === 0) return;
    this.sweeping = true;
    try {
      const keys = [...this.followers.keys()];
      const sessionHashes = keys.filter((key) => key.startsWith('session:')).map((key) => key.slice(8));
      const tokenIds = keys.filter((key) => key.startsWith('token:')).map((key) => key.slice(6));
      const [liveSessions, liveTokens] = await Promise.all([
        findLiveSessionHashes(this.db, sessionHashes),
        findLiveAccessTokenIds(this.db, tokenIds),
      ]);
      for (const hash of sessionHashes) if (!liveSessions.has(hash)) this.sessionRevoked(hash);
      for (const id of tokenIds) if (!liveTokens.has(id)) this.accessTokenRevoked(id);
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

  private end(key: string): void {
    for (const follower of [...(this.followers.get(key) ?? [])]) follower.end();
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
