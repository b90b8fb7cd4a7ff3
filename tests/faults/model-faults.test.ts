import type { JobEvent } from '@app/core';
import { turnMaxAttempts } from '@app/db';
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
      model: { kind: 'openai', baseURL: wire.baseURL, timeoutMs: 400, maxAttempts: providerAttempts },
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
      return { events, failed, asked: events.some((event) => event.type === 'question_asked') };
    };
    const baseline = wire.requestCount('none');
    const lines: string[] = [`none: ${baseline} requests, question asked`];
    expect(finalOf('none').asked).toBe(true);

    for (const fault of retryable) {
      const name = `always_${fault}`;
      const { failed, events } = finalOf(name);
      const count = wire.requestCount(name);
      lines.push(`${name}: ${count} requests, ${failed ? `failed: ${failed.data.message}` : 'not failed'}`);
      // Every task attempt makes one model call that tries `providerAttempts` times, then gives up.
      expect(count).toBe(turnMaxAttempts * providerAttempts);
      expect(failed?.data.retryable).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'done', data: { status: 'failed' } });
    }
    for (const fault of terminal) {
      const name = `always_${fault}`;
      const { failed, events } = finalOf(name);
      const count = wire.requestCount(name);
      lines.push(`${name}: ${count} requests, ${failed ? `failed: ${failed.data.message}` : 'not failed'}`);
      // The same prompt would be refused or cut off again: no retry at any layer.
      expect(count).toBe(1);
      expect(failed?.data.retryable).toBe(fault !== 'refusal');
      expect(events.at(-1)).toMatchObject({ type: 'done', data: { status: 'failed' } });
    }
    for (const fault of retryable) {
      const name = `once_${fault}`;
      const count = wire.requestCount(name);
      lines.push(`${name}: ${count} requests, ${finalOf(name).asked ? 'question asked' : 'no question'}`);
      // One failed request, retried inside the same model call; then the turn as usual.
      expect(count).toBe(baseline + 1);
      expect(finalOf(name).asked).toBe(true);
    }
    console.info(`[faults] model faults:\n  ${lines.join('\n  ')}`);
  });
});
