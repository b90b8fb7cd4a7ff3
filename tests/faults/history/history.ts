import type { JobEvent } from '@app/core';
import type { TestClient } from '../../../apps/server/test/harness.ts';

/**
 * What the clients of a fault scenario saw, recorded as it happened and judged afterwards by
 * `checkHistory` against the database. Recording is passive: nothing here retries or repairs, so
 * whatever the system delivered (gaps, duplicates, reordering) ends up in the history as it was.
 */

export interface SubscriptionRecord {
  /** `<client>/<job prefix>/<n>`: printed in violations. */
  id: string;
  clientId: string;
  jobId: string;
  /** The `lastEventId` the subscription started from (0 = the whole log). */
  resumeFrom: number;
  /** Every event in arrival order, exactly as the client parsed it. */
  events: JobEvent[];
  /** `Date.now()` at each arrival, parallel to `events`. */
  receivedAt: number[];
  connectionStates: { state: string; at: number }[];
  errors: string[];
  /** Stopped by the client before the end of the scenario: a prefix of the log is enough. */
  stoppedEarly: boolean;
}

export type MutationProcedure = 'answer' | 'skipQuestion' | 'build' | 'cancel' | 'retry';

export interface MutationRecord {
  clientId: string;
  procedure: MutationProcedure;
  jobId: string;
  questionId: string | null;
  /** `ok`, or the tRPC error code the client got (`CONFLICT`, …; `UNKNOWN` for transport errors). */
  outcome: string;
  startedAt: number;
  endedAt: number;
}

export interface HistoryData {
  subscriptions: SubscriptionRecord[];
  mutations: MutationRecord[];
}

export interface RecordedSubscription {
  record: SubscriptionRecord;
  /** Resolves once an event with `seq >= seq` arrived. */
  waitForSeq(seq: number, timeoutMs?: number): Promise<void>;
  /** Resolves with the first received event matching `predicate` (already received ones count). */
  waitForEvent(predicate: (event: JobEvent) => boolean, timeoutMs?: number): Promise<JobEvent>;
  lastSeq(): number;
  stop(): void;
}

const pollMs = 10;

export class History implements HistoryData {
  readonly subscriptions: SubscriptionRecord[] = [];
  readonly mutations: MutationRecord[] = [];
  private readonly live = new Set<{ unsubscribe(): void }>();

  /** Subscribes `client` to the job's events through the real tRPC client (SSE, auto-resume). */
  subscribe(client: TestClient, clientId: string, jobId: string, lastEventId = 0): RecordedSubscription {
    const record: SubscriptionRecord = {
      id: `${clientId}/${jobId.slice(0, 8)}/${this.subscriptions.length + 1}`,
      clientId,
      jobId,
      resumeFrom: lastEventId,
      events: [],
      receivedAt: [],
      connectionStates: [],
      errors: [],
      stoppedEarly: false,
    };
    this.subscriptions.push(record);
    const subscription = client.trpc.jobs.events.subscribe(
      { jobId, lastEventId: lastEventId > 0 ? lastEventId : undefined },
      {
        onData: (tracked) => {
          record.events.push(tracked.data as JobEvent);
          record.receivedAt.push(Date.now());
        },
        onError: (error) => record.errors.push(String(error)),
        onConnectionStateChange: (state) =>
          record.connectionStates.push({ state: state.state, at: Date.now() }),
      },
    );
    this.live.add(subscription);
    const lastSeq = () => record.events.at(-1)?.seq ?? record.resumeFrom;
    return {
      record,
      lastSeq,
      waitForSeq: async (seq, timeoutMs = 15_000) => {
        await pollUntil(
          () => lastSeq() >= seq,
          timeoutMs,
          () => `${record.id} waiting for seq ${seq}, has up to ${lastSeq()}`,
        );
      },
      waitForEvent: async (predicate, timeoutMs = 15_000) => {
        let found: JobEvent | undefined;
        await pollUntil(
          () => {
            found = record.events.find(predicate);
            return found !== undefined;
          },
          timeoutMs,
          () => `${record.id} waiting for an event; last: ${record.events.at(-1)?.type ?? 'none'}`,
        );
        return found as JobEvent;
      },
      stop: () => {
        record.stoppedEarly = true;
        subscription.unsubscribe();
        this.live.delete(subscription);
      },
    };
  }

  /** Runs one mutation and records its outcome; never throws for a tRPC error (returns it). */
  async mutate<T>(
    clientId: string,
    procedure: MutationProcedure,
    target: { jobId: string; questionId?: string },
    call: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
    const startedAt = Date.now();
    const record = (outcome: string) =>
      this.mutations.push({
        clientId,
        procedure,
        jobId: target.jobId,
        questionId: target.questionId ?? null,
        outcome,
        startedAt,
        endedAt: Date.now(),
      });
    try {
      const value = await call();
      record('ok');
      return { ok: true, value };
    } catch (error) {
      const code = (error as { data?: { code?: string } }).data?.code ?? 'UNKNOWN';
      record(code);
      return { ok: false, code };
    }
  }

  /** Ends every subscription still open (without marking it stopped early). */
  close(): void {
    for (const subscription of this.live) subscription.unsubscribe();
    this.live.clear();
  }
}

export async function pollUntil(
  done: () => boolean,
  timeoutMs: number,
  describeWait: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describeWait()}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
