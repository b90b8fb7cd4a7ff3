import { event } from '@app/core';
import { appendEvents, deleteHeartbeats, recordHeartbeats } from '@app/db';
import { describe, expect, it } from 'vitest';
import { createTestClient, useTestServer } from './harness.ts';
import { recordJobEvents } from './subscribe.ts';

const context = useTestServer();

function metricValue(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (!line) throw new Error(`metric ${name} missing`);
  return Number(line.split(' ')[1]);
}

describe('observability', () => {
  it('/metrics reports jobs, queue, subscriptions and live delivery latency in Prometheus format', async () => {
    const client = createTestClient(context.baseUrl);
    await client.signUp();
    const { job } = await client.trpc.apps.create.mutate({ prompt: 'A tracker for our support tickets' });
    const stream = recordJobEvents(client, job.id);
    await stream.waitForSeq(1);
    await appendEvents(context.database.db, job.id, [event('generation_started', {})]);
    await stream.waitForSeq(2);

    const response = await fetch(`${context.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE app_event_delivery_ms histogram');
    expect(text).toContain('app_jobs{status="questioning"} 1');
    expect(metricValue(text, 'app_questioning_turns_total')).toBe(1);
    expect(metricValue(text, 'app_queue_depth')).toBe(1); // the first turn, no worker running here
    expect(metricValue(text, 'app_subscriptions')).toBe(1);
    expect(metricValue(text, 'app_listener_up')).toBe(1);
    expect(metricValue(text, 'app_event_delivery_ms_count')).toBe(1); // the live event, not the replay
    expect(metricValue(text, 'app_events_delivered_total')).toBe(2);
    stream.unsubscribe();
  });

  it('/healthz reports database, listener, workers and queue', async () => {
    const body = (await (await fetch(`${context.baseUrl}/healthz`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, database: true, listener: 'listening', workers: 0 });
    expect(typeof body.queueDepth).toBe('number');
  });

  it('/healthz says when a live worker has no browser to verify builds with', async () => {
    await recordHeartbeats(context.database.db, ['pool-with-browser'], 'host:1', '/usr/bin/chromium');
    await recordHeartbeats(context.database.db, ['pool-without-browser'], 'host:2', null);
    try {
      const body = (await (await fetch(`${context.baseUrl}/healthz`)).json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        workers: 2,
        verifier: {
          browser: 'missing',
          workersWithoutBrowser: 1,
          warning: expect.stringMatching(/apt-get install chromium/),
        },
      });
      await deleteHeartbeats(context.database.db, ['pool-without-browser']);
      const healthy = (await (await fetch(`${context.baseUrl}/healthz`)).json()) as Record<string, unknown>;
      expect(healthy).toMatchObject({
        workers: 1,
        verifier: { browser: 'every worker has one', workersWithoutBrowser: 0 },
      });
    } finally {
      await deleteHeartbeats(context.database.db, ['pool-with-browser', 'pool-without-browser']);
    }
  });
});
