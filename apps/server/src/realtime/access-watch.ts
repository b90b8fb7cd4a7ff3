import { type AccessAction, accessRefusal, type Db, jobRolesOf } from '@app/db';

interface Reader {
  userId: string;
  jobId: string;
  action: AccessAction;
  lose: (refusal: Error) => void;
}

export interface WatchedStream {
  /** Aborts with the stream's own signal, or when its reader loses access. */
  signal: AbortSignal;
  /** The refusal that ended the stream (NOT_FOUND / FORBIDDEN for the client), or null. */
  lost: () => Error | null;
  dispose: () => void;
}

/**
 * Keeps checking that each long-lived event stream's reader may still read it: a member removed
 * from the workspace, or made a viewer, loses a builder stream (which carries every file written)
 * within `checkIntervalMs`. One query per interval for every stream this process serves (roles of
 * all (person, job) pairs at once), not one per stream: 2,000 open streams cost one query, not
 * 2,000. The verdict is the access check's own (`accessRefusal`, @app/db access.ts), so the rule
 * still lives in one place. A failed query (a database hiccup) ends nothing; the next sweep retries.
 */
export class StreamAccessWatch {
  private readonly readers = new Set<Reader>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    private readonly db: Db,
    private readonly options: { checkIntervalMs: number; onError?: (error: unknown) => void },
  ) {}

  get watched(): number {
    return this.readers.size;
  }

  watch(input: { userId: string; jobId: string; action: AccessAction; signal: AbortSignal }): WatchedStream {
    const controller = new AbortController();
    let lost: Error | null = null;
    const reader: Reader = {
      userId: input.userId,
      jobId: input.jobId,
      action: input.action,
      lose: (refusal) => {
        lost = refusal;
        controller.abort();
        dispose();
      },
    };
    const dispose = () => {
      this.readers.delete(reader);
      input.signal.removeEventListener('abort', dispose);
      if (this.readers.size === 0) this.stop();
    };
    this.readers.add(reader);
    input.signal.addEventListener('abort', dispose, { once: true });
    this.start();
    return { signal: AbortSignal.any([input.signal, controller.signal]), lost: () => lost, dispose };
  }

  /** One pass over every watched stream; exported for the interval and tests. */
  async sweep(): Promise<void> {
    if (this.sweeping || this.readers.size === 0) return;
    this.sweeping = true;
    try {
      const readers = [...this.readers];
      const pairs = new Map<string, { userId: string; jobId: string }>();
      for (const reader of readers)
        pairs.set(`${reader.jobId}:${reader.userId}`, { userId: reader.userId, jobId: reader.jobId });
      const roles = await jobRolesOf(this.db, [...pairs.values()]);
      for (const reader of readers) {
        const refusal = accessRefusal(
          roles.get(`${reader.jobId}:${reader.userId}`) ?? null,
          reader.action,
          'Job',
        );
        if (refusal) reader.lose(refusal);
      }
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      this.sweeping = false;
    }
  }

  close(): void {
    this.stop();
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.options.checkIntervalMs);
    this.timer.unref();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
