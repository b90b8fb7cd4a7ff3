import type { Check, JobEvent } from '@app/core/schemas';
import { describe, expect, it } from 'vitest';
import {
  afterFixLabel,
  buildChecksView,
  isCheckExpanded,
  tallyChecks,
  toggledWith,
  versionChecksView,
} from './checks-view.ts';
import { foldJobEvents } from './job-state.ts';

function check(id: string, ok: boolean, detail = ''): Check {
  return { id, title: `Check ${id}`, ok, detail };
}

const renders = check('renders', true, 'Rendered with no console errors');
const formCheck = check('loans-form', false, 'No "Due Date" field in the Loans form');
const pastDue = check('past-due', true);

let seq = 0;
function events(...entries: { type: JobEvent['type']; data: unknown }[]): JobEvent[] {
  return entries.map((entry) => {
    seq += 1;
    return { ...entry, seq, at: `2025-01-01T00:00:${String(seq).padStart(2, '0')}.000Z` } as JobEvent;
  });
}

/** A generation up to its written files: two steps, both done. */
function writtenLog() {
  seq = 0;
  return events(
    { type: 'questioning_started', data: { request: 'Tool loans' } },
    { type: 'questioning_complete', data: { ledger: [], questionCount: 0, reason: 'skipped' } },
    { type: 'generation_started', data: {} },
    {
      type: 'plan_created',
      data: {
        steps: [
          { index: 0, title: 'Compile', phase: 'scaffold', files: [] },
          { index: 1, title: 'Style', phase: 'styling', files: [] },
        ],
      },
    },
    { type: 'step_started', data: { index: 0 } },
    { type: 'step_completed', data: { index: 0 } },
    { type: 'step_started', data: { index: 1 } },
    { type: 'step_completed', data: { index: 1 } },
  );
}

describe('tallyChecks', () => {
  it('says "N/M checks passed" with bar shares that always fill the bar', () => {
    const tally = tallyChecks([renders, formCheck, pastDue]);
    expect(tally).toMatchObject({ passed: 2, failed: 1, total: 3, label: '2/3 checks passed' });
    expect(tally.passedPercent + tally.failedPercent).toBe(100);
    expect(tallyChecks([renders, pastDue]).label).toBe('2/2 checks passed');
    expect(tallyChecks([])).toMatchObject({ total: 0, passedPercent: 0, failedPercent: 0 });
  });
});

describe('check rows', () => {
  it('open failing checks by default, and a toggle flips one row only', () => {
    const none = new Set<string>();
    expect(isCheckExpanded(formCheck, none)).toBe(true);
    expect(isCheckExpanded(renders, none)).toBe(false);
    const toggled = toggledWith(toggledWith(none, 'renders'), 'loans-form');
    expect(isCheckExpanded(renders, toggled)).toBe(true);
    expect(isCheckExpanded(formCheck, toggled)).toBe(false);
    expect(isCheckExpanded(pastDue, toggled)).toBe(false);
    // Toggling twice is back to the default, and the input set is never changed.
    expect(isCheckExpanded(renders, toggledWith(toggled, 'renders'))).toBe(false);
    expect(none.size).toBe(0);
  });

  it('labels re-verifications only', () => {
    expect(afterFixLabel(0)).toBeNull();
    expect(afterFixLabel(2)).toBe('after fix 2');
  });
});

describe('buildChecksView', () => {
  it('shows nothing while steps are written, then a pending state until the checks report', () => {
    const log = writtenLog();
    expect(buildChecksView(foldJobEvents(log.slice(0, 6)))).toBeNull();
    expect(buildChecksView(foldJobEvents(log))).toEqual({
      verification: null,
      tally: null,
      checking: true,
      fixAttempt: 0,
    });
  });

  it('shows the latest verification: the first round, then the one after each fix', () => {
    const log = writtenLog();
    const firstRound = [
      ...log,
      ...events({
        type: 'validation_finished',
        data: { ok: false, problems: [], checks: [renders, formCheck, pastDue] },
      }),
    ];
    const first = buildChecksView(foldJobEvents(firstRound));
    expect(first).toMatchObject({ checking: false, fixAttempt: 0, tally: { label: '2/3 checks passed' } });
    expect(first?.verification?.afterFix).toBe(0);

    // While fix 1 is written and re-verified, the first round's checks stay, marked as re-checking.
    const fixing = [...firstRound, ...events({ type: 'fix_started', data: { attempt: 1, problems: [] } })];
    expect(buildChecksView(foldJobEvents(fixing))).toMatchObject({
      checking: true,
      fixAttempt: 1,
      tally: { label: '2/3 checks passed' },
      verification: { afterFix: 0 },
    });

    const fixed = [
      ...fixing,
      ...events({
        type: 'validation_finished',
        data: { ok: true, problems: [], checks: [renders, { ...formCheck, ok: true }, pastDue] },
      }),
    ];
    expect(buildChecksView(foldJobEvents(fixed))).toMatchObject({
      checking: false,
      tally: { label: '3/3 checks passed', failed: 0 },
      verification: { afterFix: 1, ok: true },
    });
  });

  it('keeps the last checks on a finished job, and shows nothing for a build that ran none', () => {
    const finished = [
      ...writtenLog(),
      ...events(
        { type: 'validation_finished', data: { ok: true, problems: [], checks: [renders] } },
        { type: 'done', data: { status: 'complete' } },
      ),
    ];
    expect(buildChecksView(foldJobEvents(finished))?.tally?.label).toBe('1/1 checks passed');
    const noChecks = [
      ...writtenLog(),
      ...events(
        { type: 'validation_finished', data: { ok: true, problems: [], checks: [] } },
        { type: 'done', data: { status: 'complete' } },
      ),
    ];
    expect(buildChecksView(foldJobEvents(noChecks))).toBeNull();
    // A cancelled build that never verified does not claim to be checking.
    const cancelled = [...writtenLog(), ...events({ type: 'done', data: { status: 'cancelled' } })];
    expect(buildChecksView(foldJobEvents(cancelled))).toBeNull();
  });
});

describe('versionChecksView', () => {
  it('reads green only when every check passed and the version is ready', () => {
    expect(versionChecksView({ status: 'ready', checks: [renders, pastDue] })).toMatchObject({
      tone: 'success',
      failing: false,
      tally: { label: '2/2 checks passed' },
    });
  });

  it('gives a checks_failed version a warning, never a success', () => {
    expect(versionChecksView({ status: 'checks_failed', checks: [renders, formCheck] })).toMatchObject({
      tone: 'warning',
      failing: true,
      tally: { label: '1/2 checks passed' },
    });
    // A failing check warns even if the stored status disagrees.
    expect(versionChecksView({ status: 'ready', checks: [formCheck] })?.tone).toBe('warning');
  });

  it('shows nothing for versions stored before checks', () => {
    expect(versionChecksView({ status: 'ready', checks: [] })).toBeNull();
  });
});
