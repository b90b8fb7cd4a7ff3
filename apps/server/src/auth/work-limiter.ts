import { TRPCError } from '@trpc/server';

export interface WorkLimiterOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting for a slot; one more is refused at once. */
  maxQueued: number;
}

/**
 * Bounds CPU-heavy work that runs on libuv's thread pool (argon2). The pool has 4 threads and also
 * serves fs, dns and crypto: a burst of sign-ins hashing at once would queue every file read and
 * DNS lookup of the process behind it. At most `concurrency` tasks run, at most `maxQueued` wait,
 * and past that the caller is told to come back (TOO_MANY_REQUESTS) instead of waiting unboundedly.
 */
export class WorkLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: WorkLimiterOptions) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.concurrency) {
      if (this.waiting.length >= this.options.maxQueued) {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: 'The server is busy signing people in; try again in a moment',
        });
      }
      // The slot is handed over by the finishing task (running is not decremented in between), so
      // a newcomer can never overtake a queued task.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
