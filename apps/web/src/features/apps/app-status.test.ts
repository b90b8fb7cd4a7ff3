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
        latestVersion: { number: 2 },
      }).label,
    ).toBe('Updating');
  });

  it('without an active job, reads ready only when a version exists', () => {
    expect(appStatusPresentation({ activeJob: null, latestVersion: { number: 1 } }).label).toBe('Ready');
    expect(appStatusPresentation({ activeJob: null, latestVersion: null }).label).toBe('Not built yet');
  });
});
