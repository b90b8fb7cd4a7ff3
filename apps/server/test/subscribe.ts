import type { JobEvent } from '@app/core';
import type { TestClient } from './harness.ts';

export interface RecordedStream {
  events: JobEvent[];
  errors: unknown[];
  states: string[];
  unsubscribe(): void;
  /** Resolves once the stream has received the event with this seq. */
  waitForSeq(seq: number, timeoutMs?: number): Promise<void>;
}

/** Subscribes to jobs.events and records every event exactly as the client received it. */
export function recordJobEvents(client: TestClient, jobId: string, lastEventId?: number): RecordedStream {
  const events: JobEvent[] = [];
  const errors: unknown[] = [];
  const states: string[] = [];
  const subscription = client.trpc.jobs.events.subscribe(
    { jobId, lastEventId },
    {
      onData: (tracked) => events.push(tracked.data as JobEvent),
      onError: (error) => errors.push(error),
      onConnectionStateChange: (state) => states.push(state.state),
    },
  );
  return {
    events,
    errors,
    states,
    unsubscribe: () => subscription.unsubscribe(),
    async waitForSeq(seq, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!events.some((event) => event.seq >= seq)) {
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for seq ${seq}; have ${events.map((e) => e.seq).join(',')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

export function expectExactLog(received: JobEvent[], fromSeq: number, toSeq: number): void {
  const seqs = received.map((event) => event.seq);
  const expected = Array.from({ length: toSeq - fromSeq + 1 }, (_, index) => fromSeq + index);
  if (JSON.stringify(seqs) !== JSON.stringify(expected)) {
    throw new Error(`stream is not an exact copy of ${fromSeq}..${toSeq}: got [${seqs.join(',')}]`);
  }
}
