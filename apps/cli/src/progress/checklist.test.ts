import type { JobEvent } from '@app/core/schemas';
import { describe, expect, it } from 'vitest';
import { plainStyle } from '../terminal/style.ts';
import { emptyChecklist, foldChecklist, renderChecklist } from './checklist.ts';

let seq = 0;
const at = '2026-12-01T00:00:00.000Z';
const events = (...items: Omit<JobEvent, 'seq' | 'at'>[]): JobEvent[] =>
  items.map((item) => {
    seq += 1;
    return { ...item, seq, at } as JobEvent;
  });

describe('the build checklist', () => {
  it('shows plan steps with live status, files written and checks as they pass', () => {
    const log = events(
      { type: 'generation_started', data: {} },
      {
        type: 'plan_created',
        data: {
          steps: [
            { index: 0, title: 'Lay out the app', phase: 'scaffold', files: [] },
            { index: 1, title: 'Write the data', phase: 'logic', files: [] },
          ],
        },
      },
      { type: 'step_started', data: { index: 0 } },
      { type: 'file_written', data: { path: 'src/App.tsx', content: '' } },
      { type: 'file_written', data: { path: 'src/data.ts', content: '' } },
      { type: 'step_completed', data: { index: 0 } },
      { type: 'step_started', data: { index: 1 } },
    );
    const midway = log.reduce(foldChecklist, emptyChecklist);
    expect(renderChecklist(midway, plainStyle)).toEqual([
      'Building',
      '  ✓ 1. Lay out the app',
      '  ▸ 2. Write the data',
      '  files written: 2',
    ]);
    const verified = events(
      { type: 'step_completed', data: { index: 1 } },
      {
        type: 'validation_finished',
        data: {
          ok: false,
          problems: [{ path: 'src/App.tsx', line: null, message: 'x', source: 'check' }],
          checks: [
            { id: 'a', title: 'Loans form has Tool', ok: true, detail: '' },
            { id: 'b', title: 'Past due hides next week', ok: false, detail: 'shown' },
          ],
        },
      },
      { type: 'version_created', data: { versionId: '00000000-0000-4000-8000-000000000009', number: 3 } },
    ).reduce(foldChecklist, midway);
    expect(renderChecklist(verified, plainStyle).slice(3)).toEqual([
      '  files written: 2',
      '  verification found problems · 1/2 checks passed · 1 problems',
      '    ✓ Loans form has Tool',
      '    ✗ Past due hides next week',
      '  version 3 saved',
    ]);
    // A retried generation starts a fresh checklist.
    const retried = events({ type: 'generation_started', data: {} }).reduce(foldChecklist, verified);
    expect(renderChecklist(retried, plainStyle)).toEqual(['Building', '  files written: 0']);
  });

  it('shows nothing before generation and ignores questioning events', () => {
    const log = events({ type: 'questioning_started', data: { request: 'x' } });
    expect(renderChecklist(log.reduce(foldChecklist, emptyChecklist), plainStyle)).toEqual([]);
  });
});
