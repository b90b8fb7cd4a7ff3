import { afterAll, describe, expect, it } from 'vitest';
import type { Blueprint } from '../blueprint/blueprint.ts';
import { createTestVerifier } from '../testing/test-verifier.ts';
import type { AppFile } from '../validation/app-files.ts';
import type { VerificationResult } from '../validation/browser/browser-verifier.ts';
import { renderCheckId } from '../validation/browser/checks.ts';
import { bundleApp } from '../validation/bundle-app.ts';
import { acceptanceChecks } from './acceptance-checks.ts';
import { compileBlueprint } from './compile-blueprint.ts';
import { classBookings, complaintLog, fixtureBlueprints, toolLibrary } from './fixtures/blueprints.ts';
import { randomBlueprint } from './fixtures/random-blueprint.ts';

// The verifier's default limits, as the worker uses them: a run's CPU budget grows with its checks.
const verifier = createTestVerifier();
afterAll(() => verifier.close());

async function verify(
  blueprint: Blueprint,
  files: AppFile[] = compileBlueprint(blueprint),
): Promise<VerificationResult> {
  const bundle = await bundleApp(files, { sourceMap: true });
  if (!bundle.ok) throw new Error(JSON.stringify(bundle.problems));
  return verifier.verifyApp(bundle, acceptanceChecks(blueprint));
}

const failing = (result: VerificationResult) => result.checks.filter((check) => !check.ok);
const describeFailures = (result: VerificationResult) =>
  failing(result)
    .map((check) => `${check.id}: ${check.detail}`)
    .join('\n');

/** Replaces one exact piece of a template file; throws when the piece is not there any more. */
function patch(files: AppFile[], path: string, from: string, to: string): AppFile[] {
  const file = files.find((candidate) => candidate.path === path);
  if (!file?.content.includes(from)) throw new Error(`${path} no longer contains ${from}`);
  return files.map((candidate) =>
    candidate === file ? { path, content: file.content.replace(from, to) } : candidate,
  );
}

describe('compiled apps in the sandboxed browser', () => {
  it.each(fixtureBlueprints.map((fixture) => [fixture.name, fixture.blueprint] as const))(
    '%s passes every one of its acceptance checks',
    { timeout: 120_000 },
    async (_name, blueprint) => {
      const result = await verify(blueprint);
      expect(describeFailures(result)).toBe('');
      expect(result.ok).toBe(true);
      expect(result.problems).toEqual([]);
      expect(result.checks.length).toBeGreaterThan(blueprint.views.length + 3 * blueprint.entities.length);
    },
  );

  it('names its checks as a person would read them', () => {
    const titles = acceptanceChecks(toolLibrary).map((check) => check.title);
    expect(titles).toContain('Loans form has Tool, Member, Due Date, Returned On');
    expect(titles).toContain('A new Member appears in the Members table');
    expect(titles).toContain(
      'Past Due lists a Loan with Due Date yesterday and hides one with Due Date next week',
    );
    expect(titles).toContain('Tool Status moves a Tool from Available to Out, by its arrow and by dragging');
    expect(titles).toContain("A Loan's Tool picks a Tool, and that Tool's page lists it");
    expect(titles).toContain('Loans per Tool counts Loans by Tool');
  });

  it.each([2, 31])('random blueprint %i passes its own checks', { timeout: 120_000 }, async (seed) => {
    const blueprint = randomBlueprint(seed);
    const result = await verify(blueprint);
    expect(describeFailures(result)).toBe('');
    expect(result.ok).toBe(true);
  });
});

describe('a broken compiled app fails exactly the checks it should', () => {
  it('a view that throws fails the checks of that view and no other', { timeout: 120_000 }, async () => {
    const files = patch(
      compileBlueprint(toolLibrary),
      'src/views/CalendarView.tsx',
      'export function CalendarView({ view, entity, records }: ViewProps) {',
      "export function CalendarView({ view, entity, records }: ViewProps) {\n  if (entity) throw new Error('The calendar broke');",
    );
    const result = await verify(toolLibrary, files);
    expect(
      failing(result)
        .map((check) => check.id)
        .sort(),
    ).toEqual(['calendar:loan-calendar', 'view:loan-calendar']);
    expect(result.ok).toBe(false);
    expect(result.checks.find((check) => check.id === renderCheckId)?.ok).toBe(true);
  });

  it('a form that does not save fails the checks that add or change records through it', {
    timeout: 120_000,
  }, async () => {
    const files = patch(
      compileBlueprint(complaintLog),
      'src/components/FormDialog.tsx',
      '      if (existing) await store.update(entity.id, existing.id, parsed.values, existing);\n      else await store.create(entity.id, parsed.values);',
      '      await Promise.resolve(parsed.values);',
    );
    const result = await verify(complaintLog, files);
    expect(
      failing(result)
        .map((check) => check.id)
        .sort(),
    ).toEqual(
      [
        'create:complaint',
        'create:staff',
        'edit:complaint',
        'edit:staff',
        'reference:complaint-assignee',
      ].sort(),
    );
  });

  it('a filter that lets everything through fails the filtered views', { timeout: 120_000 }, async () => {
    const files = patch(
      compileBlueprint(classBookings),
      'src/components/ViewPage.tsx',
      'const records = filter ? all.filter(',
      'const records = filter && !filter ? all.filter(',
    );
    const result = await verify(classBookings, files);
    expect(
      failing(result)
        .map((check) => check.id)
        .sort(),
    ).toEqual(['filter:free-seats', 'filter:unpaid']);
  });
});
