import { describe, expect, it } from 'vitest';
import { appStatusPresentation } from './app-status.ts';

describe('appStatusPresentation', () => {
  it('puts an open question first: the person has something to do', () => {
    const status = appStatusPresentation({
      activeJob: { status: 'awaiting_answer', kind: 'create' },
      latestVersion: null,
    });
    expect(status).toEqual({ label: 'Needs your answer', tone: 'warning', inProgress: false });
  });

  it('tells a first build from a change to an existing version', () => {
    expect(
      appStatusPresentation({ activeJob: { status: 'generating', kind: 'create' }, latestVersion: null })
        .label,
    ).toBe('Building');
    expect(
      appStatusPresentation({
        activeJob: { status: 'generating', kind: 'change' },
        latestVersion: { number: 2, status: 'ready' },
      }).label,
    ).toBe('Updating');
  });

  it('without an active job, reads ready only when a version exists', () => {
    expect(
      appStatusPresentation({ activeJob: null, latestVersion: { number: 1, status: 'ready' } }).label,
    ).toBe('Ready');
    expect(appStatusPresentation({ activeJob: null, latestVersion: null }).label).toBe('Not built yet');
  });
});

describe('appStatusPresentation with a version whose checks failed', () => {
  it('never reads ready: a warning, after the build and with no job running', () => {
    const failing = { number: 2, status: 'checks_failed' as const };
    const warning = { label: 'Checks failed', tone: 'warning', inProgress: false };
    expect(appStatusPresentation({ activeJob: null, latestVersion: failing })).toEqual(warning);
    expect(
      appStatusPresentation({ activeJob: { status: 'complete', kind: 'change' }, latestVersion: failing }),
    ).toEqual(warning);
    expect(
      appStatusPresentation({ activeJob: null, latestVersion: { number: 2, status: 'ready' } }).tone,
    ).toBe('success');
  });

  it('lets an active job win over the stored verdict (the person may need to act on it)', () => {
    expect(
      appStatusPresentation({
        activeJob: { status: 'awaiting_answer', kind: 'change' },
        latestVersion: { number: 2, status: 'checks_failed' },
      }).label,
    ).toBe('Needs your answer');
  });
});
