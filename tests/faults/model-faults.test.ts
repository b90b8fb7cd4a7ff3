import type { JobEvent } from '@app/core';
import { taskContracts } from '@app/db';
import { createTestDatabase, type TestDatabase } from '@app/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertHistory } from './history/checker.ts';
import { History } from './history/history.ts';
import { snapshotJobs, waitForSettled } from './history/snapshot.ts';
import { signUpActor } from './support/actors.ts';
import { Cluster } from './support/cluster.ts';
import {
  type FaultKind,
  type FaultPlan,
  type FaultWireServer,
  startFaultWireServer,
} from './support/fault-wire-server.ts';
import { scenarioSeed } from './support/prng.ts';

// Model faults through the real openai provider, over HTTP, in a real worker: each job's model
// endpoint hangs, rate-limits, fails, resets, talks nonsense, truncates or refuses — forever, or
// just once. Every job must end visibly (its question, or job_failed + done) after a bounded
// number of requests.

let database: TestDatabase;
let cluster: Cluster;
let wire: FaultWireServer | null = null;

beforeAll(async () => {
  database = await createTestDatabase(inject('databaseServerUrl'));
  cluster = new Cluster(database.url);
});
afterAll(async () => {
  await cluster?.stopAll();
  await wire?.close();
  await database?.destroy();
});

const providerAttempts = 2; // per model call (the worker fixture's maxAttempts)
const turnMaxAttempts = taskContracts.questioning_turn.maxAttempts;
// Per-attempt timeout: it also applies to real replies, so it has room for a slow one on a loaded
// 2-core box (a timed-out real reply is retried: an extra request). The hang cases still settle
// in about turnMaxAttempts * providerAttempts * 2 s plus the task retry backoff, well within 90 s.
const attemptTimeoutMs = 2_000;
const retryable: FaultKind[] = ['hang', 'rate_limit', 'server_error', 'reset', 'invalid_json'];
const terminal: FaultKind[] = ['truncated', 'refusal'];

const plans: Record<string, FaultPlan> = {
  ...Object.fromEntries(
    retryable.map((fault) => [`always_${fault}`, { fault, times: Number.POSITIVE_INFINITY }]),
  ),
  ...Object.fromEntries(
    terminal.map((fault) => [`always_${fault}`, { fault, times: Number.POSITIVE_INFINITY }]),
  ),
  ...Object.fromEntries(retryable.map((fault) => [`once_${fault}`, { fault, times: 1 }])),
};

describe('model faults through the openai wire format', () => {
  it('bounds the requests and always ends visibly: a question, or job_failed + done', {
    timeout: 120_000,
  }, async () => {
    scenarioSeed('model faults (deterministic: fault plans, no random timing)');
    wire = await startFaultWireServer(plans);
    const server = await cluster.startServer();
    await cluster.startWorker({
      concurrency: 16,
      model: {
        kind: 'openai',
        baseURL: wire.baseURL,
        timeoutMs: attemptTimeoutMs,
        maxAttempts: providerAttempts,
      },
    });
    const history = new History();
    const owner = await signUpActor(server.baseUrl, 'owner');
    const names = ['none', ...Object.keys(plans)];
    const jobs = new Map<string, string>();
    for (const name of names) {
      const { job } = await owner.client.trpc.apps.create.mutate({
        prompt: `A tracker for our support tickets [fault:${name}]`,
      });
      jobs.set(name, job.id);
    }
    const streams = new Map(
      names.map((name) => [name, history.subscribe(owner.client, name, jobs.get(name)!)]),
    );
    const startedAt = Date.now();
    await waitForSettled(database.db, [...jobs.values()], 90_000);
    console.info(
      `[faults] model faults: all ${names.length} jobs settled after ${Date.now() - startedAt} ms`,
    );

    const snapshot = await snapshotJobs(database.db, [...jobs.values()]);
    for (const job of snapshot)
      await streams.get(names[[...jobs.values()].indexOf(job.jobId)]!)!.waitForSeq(job.events.length);
    history.close();
    assertHistory(history, snapshot);

    const finalOf = (name: string) => {
      const events = snapshot.find((job) => job.jobId === jobs.get(name))!.events;
      const failed = events.find(
        (event): event is Extract<JobEvent, { type: 'job_failed' }> => event.type === 'job_failed',
      );
      return {
        events,
        failed,
        asked: events.some((event) => event.type === 'question_asked'),
        // One `usage` event per model call that succeeded: each needed at least one real reply.
        modelCalls: events.filter((event) => event.type === 'usage').length,
      };
    };
    const counts = (name: string) =>
      `${wire!.requestCount(name)} requests (${wire!.faultCount(name)} faults, ${wire!.realCount(name)} real)`;
    const lines: string[] = [
      `none: ${counts('none')}, ${finalOf('none').modelCalls} model calls, question asked`,
    ];
    expect(finalOf('none').asked).toBe(true);
    expect(wire.faultCount('none')).toBe(0);
    expect(finalOf('none').modelCalls).toBeGreaterThanOrEqual(1);
    expect(wire.realCount('none')).toBeGreaterThanOrEqual(finalOf('none').modelCalls);

    for (const fault of retryable) {
      const name = `always_${fault}`;
      const { failed, events } = finalOf(name);
      lines.push(`${name}: ${counts(name)}, ${failed ? `failed: ${failed.data.message}` : 'not failed'}`);
      // Every task attempt makes one model call that tries `providerAttempts` times, then gives up.
      expect(wire.faultCount(name)).toBe(turnMaxAttempts * providerAttempts);
      expect(wire.realCount(name)).toBe(0);
      expect(failed?.data.retryable).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'done', data: { status: 'failed' } });
    }
    for (const fault of terminal) {
      const name = `always_${fault}`;
      const { failed, events } = finalOf(name);
      lines.push(`${name}: ${counts(name)}, ${failed ? `failed: ${failed.data.message}` : 'not failed'}`);
      // The same prompt would be refused or cut off again: no retry at any layer.
      expect(wire.faultCount(name)).toBe(1);
      expect(wire.realCount(name)).toBe(0);
      expect(failed?.data.retryable).toBe(fault !== 'refusal');
      expect(events.at(-1)).toMatchObject({ type: 'done', data: { status: 'failed' } });
    }
    for (const fault of retryable) {
      const name = `once_${fault}`;
      const { asked, failed, modelCalls } = finalOf(name);
      lines.push(
        `${name}: ${counts(name)}, ${modelCalls} model calls, ${asked ? 'question asked' : 'no question'}`,
      );
      // One failed request, retried inside the same model call (no job_failed, no task retry);
      // then the turn as usual, each of its model calls answered for real at least once. (Exact
      // real counts would depend on timing: a slow real reply times out and is asked again.)
      expect(wire.faultCount(name)).toBe(1);
      expect(failed).toBeUndefined();
      expect(asked).toBe(true);
      expect(modelCalls).toBe(finalOf('none').modelCalls);
      expect(wire.realCount(name)).toBeGreaterThanOrEqual(modelCalls);
    }
    console.info(`[faults] model faults:\n  ${lines.join('\n  ')}`);
  });
});
