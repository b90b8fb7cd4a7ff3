import type { Check, JobEvent } from '@app/core/schemas';
import { describe, expect, it } from 'vitest';
import { generationOutcome } from './generation-outcome.ts';
import { foldJobEvents } from './job-state.ts';

const versionId = '00000000-0000-4000-8000-0000000000aa';

function log(...entries: { type: JobEvent['type']; data: unknown }[]): JobEvent[] {
  return entries.map(
    (entry, index) => ({ ...entry, seq: index + 1, at: '2025-01-01T00:00:00.000Z' }) as JobEvent,
  );
}

function check(id: string, ok: boolean): Check {
  return { id, title: id, ok, detail: '' };
}

function builtWith(checks: Check[]) {
  return foldJobEvents(
    log(
      { type: 'questioning_started', data: { request: 'x' } },
      { type: 'generation_started', data: {} },
      { type: 'validation_finished', data: { ok: checks.every((entry) => entry.ok), problems: [], checks } },
      { type: 'version_created', data: { versionId, number: 3 } },
      { type: 'done', data: { status: 'complete' } },
    ),
  );
}

describe('generationOutcome', () => {
  it('calls a version ready only when its checks passed', () => {
    expect(generationOutcome(builtWith([check('renders', true)]), 'create')).toEqual({
      title: 'Version 3 is ready',
      tone: 'success',
    });
    expect(generationOutcome(builtWith([check('renders', true), check('form', false)]), 'change')).toEqual({
      title: 'Version 3 is ready, but 1 of 2 checks failed',
      tone: 'warning',
    });
  });

  it('takes the stored verdict when the log carries no checks (a version from a snapshot)', () => {
    expect(generationOutcome(builtWith([]), 'create', 'checks_failed')).toEqual({
      title: 'Version 3 is ready, but some checks failed',
      tone: 'warning',
    });
    expect(generationOutcome(builtWith([]), 'create', 'ready').tone).toBe('success');
  });

  it('says a failed change was not made, and a failed first build failed', () => {
    const failed = foldJobEvents(
      log(
        { type: 'questioning_started', data: { request: 'x' } },
        { type: 'job_failed', data: { message: 'That change could not be expressed', retryable: false } },
        { type: 'done', data: { status: 'failed' } },
      ),
    );
    expect(generationOutcome(failed, 'change')).toEqual({
      title: 'The change could not be made',
      tone: 'danger',
    });
    expect(generationOutcome(failed, 'create').title).toBe('The build failed');
  });

  it('names the work while it runs and when it is cancelled', () => {
    const running = foldJobEvents(log({ type: 'generation_started', data: {} }));
    expect(generationOutcome(running, 'change').title).toBe('Updating your app');
    expect(generationOutcome(running, 'create').title).toBe('Building your app');
    const cancelled = foldJobEvents(log({ type: 'done', data: { status: 'cancelled' } }));
    expect(generationOutcome(cancelled, 'change')).toEqual({ title: 'Change cancelled', tone: 'neutral' });
  });
});
