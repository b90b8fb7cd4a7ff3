import type { JobEvent } from '@app/core';
import type { DbOrTrx } from '@app/db';
import type { JobEventHub } from './job-event-hub.ts';

const replayBatchSize = 500;

/**
 * A wake-up flag that cannot lose a notification: one that arrives while the reader is busy
 * querying sets `pending`, and the next `wait()` returns at once.
 */
function createWakeSignal() {
  let pending = false;
  let resolveWaiter: (() => void) | null = null;
  return {
    notify() {
      pending = true;
      resolveWaiter?.();
      resolveWaiter = null;
    },
    wait(signal: AbortSignal): Promise<void> {
      if (pending || signal.aborted) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal.addEventListener('abort', onAbort, { once: true });
        resolveWaiter = () => {
          signal.removeEventListener('abort', onAbort);
          pending = false;
          resolve();
        };
      });
    },
  };
}

/**
 * THE subscription order (docs/spine.md#subscription-order), used by `jobs.events` and nothing else:
 * 1. register with the hub FIRST, so an event committed while we replay still wakes us;
 * 2. replay `seq > lastEventId` from the table;
 * 3. stream live: every wake-up re-reads the table after the last sent seq, and any seq already
 *    sent is dropped — so duplicates and reordering from notify/replay overlap cannot reach a client.
 * Bodies always come from the table; notifications only say "something after seq N exists".
 * Streams of the same job woken by the same NOTIFY share one read (see `SharedLogReads` for why
 * that cannot skip a row): the wake-up's mark is taken before the stream is woken.
 */
export async function* streamJobEvents(options: {
  db: DbOrTrx;
  hub: JobEventHub;
  jobId: string;
  lastEventId: number;
  signal: AbortSignal;
  /** Called for each event read after a live wake-up (not the initial replay), e.g. for metrics. */
  onLiveEvent?: (event: JobEvent) => void;
}): AsyncGenerator<JobEvent> {
  const { db, hub, jobId, signal } = options;
  let lastSent = options.lastEventId;
  const wake = createWakeSignal();
  const reads = hub.sharedReads(db);
  let readMark = 0;
  const unsubscribe = hub.subscribe(jobId, {
    onNotify: (seq) => {
      if (seq <= lastSent) return;
      readMark = reads.mark();
      wake.notify();
    },
    onResync: () => {
      readMark = reads.mark();
      wake.notify();
    },
  });
  // The replay, too, may only share a read that started after we were registered.
  readMark = reads.mark();
  let live = false;
  try {
    while (!signal.aborted) {
      const batch = await reads.read(jobId, lastSent, replayBatchSize, readMark);
      for (const event of batch) {
        if (event.seq <= lastSent) continue;
        lastSent = event.seq;
        if (live) options.onLiveEvent?.(event);
        yield event;
        if (signal.aborted) return;
      }
      if (batch.length === replayBatchSize) continue; // more to replay before waiting
      await wake.wait(signal);
      live = true;
    }
  } finally {
    unsubscribe();
  }
}
