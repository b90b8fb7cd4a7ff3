import { afterAll, describe, expect, it } from 'vitest';
import { compileBlueprint } from '../src/compiler/compile-blueprint.ts';
import { toolLibrary } from '../src/compiler/fixtures/blueprints.ts';
import { createTestVerifier } from '../src/testing/test-verifier.ts';
import type { AppFile } from '../src/validation/app-files.ts';
import { buildCase } from './built-app-report.ts';
import { type EvalCase, scoreBlueprint, scoreDesign } from './score-blueprint.ts';
import { buildAndRead, designOfShownApp } from './score-built-app.ts';

// The same budget the eval gives each app: the reader opens every view and form.
const verifier = createTestVerifier({ cpuLimitMs: 30_000, wallLimitMs: 90_000, actionTimeoutMs: 5_000 });
afterAll(() => verifier.close());

/** What a request for the tool library would state, in the eval's own terms. */
const toolRequest: EvalCase = {
  id: 'tool-library',
  domain: 'community',
  clarity: 'well-specified',
  prompt: 'Members borrow tools; each tool is Available, Out or In Repair; loans have a due date.',
  expect: ['tool', 'member', 'loan', 'due date', 'in repair', 'past due', 'replacement value'],
  options: [['status', ['Available', 'Out', 'In Repair']]],
  entities: ['tool', 'member', 'loan'],
  views: [
    { kind: 'board', pattern: 'tool status' },
    { kind: 'chart', pattern: 'per tool' },
    { kind: 'calendar', pattern: 'due' },
  ],
};

/** Replaces one exact piece of a template file; throws when the piece is not there any more. */
function patch(files: AppFile[], path: string, from: string, to: string): AppFile[] {
  const file = files.find((candidate) => candidate.path === path);
  if (!file?.content.includes(from)) throw new Error(`${path} no longer contains ${from}`);
  return files.map((candidate) =>
    candidate === file ? { path, content: file.content.replace(from, to) } : candidate,
  );
}

describe('reading what a built app shows', () => {
  it('reads every view and form of the compiled tool library as a person sees them', {
    timeout: 90_000,
  }, async () => {
    const built = await buildAndRead(verifier, toolLibrary);
    expect(built.problems).toEqual([]);
    const shown = built.shown;
    if (!shown) throw new Error('the app did not run');
    expect(shown.headings).toEqual(['Tools', 'Members', 'Loans']);
    expect(shown.links).toEqual(toolLibrary.views.map((view) => view.title));
    expect(shown.views.map((view) => [view.title, view.kind])).toEqual(
      toolLibrary.views.map((view) => [view.title, view.kind]),
    );
    expect(shown.views.find((view) => view.kind === 'board')?.boardColumns).toEqual([
      'Available',
      'Out',
      'In Repair',
    ]);
    expect(shown.views[0]?.columns).toEqual(['Name', 'Status', 'Condition', 'Replacement Value', 'Loans']);
    expect(shown.forms.map((form) => form.title)).toEqual(['New Tool', 'New Member', 'New Loan']);
    expect(shown.forms[0]?.fields).toEqual([
      { label: 'Name', options: [] },
      { label: 'Status', options: ['Available', 'Out', 'In Repair'] },
      { label: 'Condition', options: ['Good', 'Worn', 'Broken'] },
      { label: 'Replacement Value', options: [] },
    ]);
    const result = await buildCase(
      verifier,
      toolRequest,
      toolLibrary,
      scoreBlueprint(toolRequest, toolLibrary),
    );
    expect(result.score.misses).toEqual([]);
    expect(result.score.expect).toEqual({ hit: 7, total: 7 });
    expect(result.score.views).toEqual({ hit: 3, total: 3 });
  });

  it('loses the views whose page does not show their title', { timeout: 90_000 }, async () => {
    const files = patch(
      compileBlueprint(toolLibrary),
      'src/components/ViewPage.tsx',
      '<h1 className="page-title">{view.title}</h1>',
      '<h1 className="page-title">{entity.pluralName}</h1>',
    );
    const built = await buildAndRead(verifier, toolLibrary, { files });
    expect(built.problems).toContain('not read: the link "Tool Status" opened "Tools"');
    expect(built.shown?.views.map((view) => view.title)).toEqual(['Tools', 'Members', 'Loans']);
  });

  it('loses the options a form does not offer, and says the blueprint had them', {
    timeout: 90_000,
  }, async () => {
    const files = patch(
      compileBlueprint(toolLibrary),
      'src/components/FieldInput.tsx',
      '{field.options.map((option) => (\n            <option key',
      '{field.options.slice(0, 1).map((option) => (\n            <option key',
    );
    const built = await buildAndRead(verifier, toolLibrary, { files });
    expect(built.shown?.forms[0]?.fields[1]).toEqual({ label: 'Status', options: ['Available'] });
    if (!built.shown) throw new Error('the app did not run');
    const score = scoreDesign(toolRequest, designOfShownApp(built.shown));
    expect(score.options).toEqual({ hit: 0, total: 1 });
    expect(score.misses).toEqual([
      'options /status/: Status has [Available], wanted [Available, Out, In Repair]',
    ]);
    // "In Repair" is still a board column: stated items count what any screen shows.
    expect(score.expect).toEqual({ hit: 7, total: 7 });
  });
});
