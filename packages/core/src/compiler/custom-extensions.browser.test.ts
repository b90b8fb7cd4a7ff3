import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Blueprint } from '../blueprint/blueprint.ts';
import { generateApp } from '../generation/generate-app.ts';
import { generationTasks } from '../generation/task-schemas.ts';
import type { Fact } from '../ledger.ts';
import { createScriptedModel } from '../testing/scripted-model.ts';
import { createTestVerifier } from '../testing/test-verifier.ts';
import type { AppFile } from '../validation/app-files.ts';
import type { VerificationResult } from '../validation/browser/browser-verifier.ts';
import type { CheckPage, VerificationCheck } from '../validation/browser/checks.ts';
import { bundleApp } from '../validation/bundle-app.ts';
import { typecheckApp } from '../validation/typecheck-app.ts';
import { acceptanceChecks } from './acceptance-checks.ts';
import { compileBlueprint } from './compile-blueprint.ts';
import { toolLibrary } from './fixtures/blueprints.ts';
import { throwingCustomFiles, toolLibraryCustomFiles } from './fixtures/custom-code.ts';

// Development React renders and ~30 checks per run: a run's CPU budget, not a check's.
const verifier = createTestVerifier({ cpuLimitMs: 20_000, wallLimitMs: 60_000 });
afterAll(() => verifier.close());

/** The compiled app with `custom` over it, as generation keeps custom files over a compile. */
function withCustom(files: readonly AppFile[], custom: readonly AppFile[]): AppFile[] {
  const replaced = new Set(custom.map((file) => file.path));
  return [...files.filter((file) => !replaced.has(file.path)), ...custom];
}

async function verify(files: AppFile[], checks: readonly VerificationCheck[]): Promise<VerificationResult> {
  const bundle = await bundleApp(files, { sourceMap: true });
  if (!bundle.ok) throw new Error(JSON.stringify(bundle.problems));
  return verifier.verifyApp(bundle, checks);
}

/** A check that fails with the message of whatever its body throws. */
const check = (id: string, title: string, body: (page: CheckPage) => Promise<string>): VerificationCheck => ({
  id,
  title,
  async run(page) {
    try {
      return { ok: true, detail: await body(page) };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  },
});

function expectThat(condition: boolean, detail: string): void {
  if (!condition) throw new Error(detail);
}

async function openView(page: CheckPage, viewId: string): Promise<void> {
  if (await page.isVisible('[data-testid="dialog-close"]')) await page.click('[data-testid="dialog-close"]');
  await page.click(`[data-nav-view-id="${viewId}"]`);
  expectThat(await page.waitForVisible(`[data-view-id="${viewId}"]`), `${viewId} did not open`);
}

async function openFirstRecord(page: CheckPage, viewId: string): Promise<void> {
  await openView(page, viewId);
  await page.click(`[data-view-id="${viewId}"] [data-testid="open-record"]`);
  expectThat(await page.waitForVisible('[data-testid="record-detail"]'), 'the record page did not open');
}

const returnedOn = '[data-testid="record-detail"] [data-field-id="loan-returned"] dd';
const outNowCards = '[data-view-id="out-now"] .record-card';

/** What the Tool Library's custom code (fixtures/custom-code.ts) adds, read from the page only. */
const customChecks: VerificationCheck[] = [
  check('custom:view', 'Out by Member is listed after the views and counts what is out', async (page) => {
    await openView(page, 'out-now');
    const out = await page.count(outNowCards);
    const links = await page.textsOf('.nav .nav-link');
    expectThat(links.at(-1)?.trim() === 'Out by Member', `the navigation ends with ${links.at(-1)}`);
    await page.click('[data-nav-custom-view-id="out-by-member"]');
    const list = '[data-custom-view-id="out-by-member"] [data-testid="out-by-member"]';
    expectThat(await page.waitForVisible(list), 'the custom view did not render');
    const counts = (await page.textsOf(`${list} li`)).map((row) => Number(/(\d+) out$/.exec(row)?.[1]));
    const total = counts.reduce((sum, count) => sum + count, 0);
    expectThat(total === out && out > 0, `it counts ${total} loans out, Out Right Now lists ${out}`);
    return `${counts.length} members with ${total} loans out`;
  }),
  check(
    'custom:renderer',
    'Replacement Value shows as Deposit / No deposit in the Tools table',
    async (page) => {
      await openView(page, 'tools');
      const rows = await page.count('[data-view-id="tools"] tbody tr');
      const bands = await page.textsOf(
        '[data-view-id="tools"] td[data-field-id="tool-value"] [data-testid="value-band"]',
      );
      expectThat(rows > 0 && bands.length === rows, `${bands.length} custom values in ${rows} rows`);
      expectThat(
        bands.every((band) => band === 'Deposit' || band === 'No deposit'),
        `values: ${bands.join(', ')}`,
      );
      return `${rows} rows`;
    },
  ),
  check(
    'custom:action',
    'Mark Returned on a loan fills in Returned On and takes it off Out Right Now',
    async (page) => {
      await openView(page, 'out-now');
      const before = await page.count(outNowCards);
      await openFirstRecord(page, 'out-now');
      expectThat((await page.textOf(returnedOn))?.trim() === '—', 'the loan is already returned');
      expectThat(
        (await page.count('[data-action-id="ghost"]')) === 0,
        'an action for an unknown entity is shown',
      );
      await page.click('[data-action-id="mark-returned"]');
      expectThat(await page.waitForVisible('[data-testid="toast"]:has-text("Marked returned")'), 'no toast');
      const shown = (await page.textOf(returnedOn))?.trim() ?? '';
      expectThat(shown !== '' && shown !== '—', `Returned On reads "${shown}"`);
      await openView(page, 'out-now');
      const after = await page.count(outNowCards);
      expectThat(after === before - 1, `Out Right Now went from ${before} to ${after}`);
      return `Returned On: ${shown}`;
    },
  ),
];

/**
 * Custom code that throws (fixtures/custom-code.ts `throwingCustomFiles`) is contained. Each
 * check's own detail starts with "contained" when what a person sees held up.
 */
const containmentChecks: VerificationCheck[] = [
  check(
    'contained:view',
    'A custom view that throws shows a message; the other views still open',
    async (page) => {
      await page.click('[data-nav-custom-view-id="broken"]');
      const message = '[data-custom-view-id="broken"] [data-testid="view-error"]';
      expectThat(await page.waitForVisible(message), 'no message in place of the broken view');
      const text = (await page.textOf(message)) ?? '';
      expectThat(text.includes('Broken Report') && text.includes('the custom view broke'), text);
      await openView(page, 'tools');
      return `contained: ${text}`;
    },
  ),
  check('contained:renderer', 'A renderer that throws falls back to the built-in value', async (page) => {
    await openView(page, 'members');
    const cells = await page.textsOf('[data-view-id="members"] td[data-field-id="member-phone"]');
    expectThat(cells.length > 0 && cells.every((cell) => /\d|—/.test(cell)), `cells: ${cells.join(' | ')}`);
    return `contained: ${cells.join(', ')}`;
  }),
  check('contained:action', 'An action that throws shows its error and the page stays', async (page) => {
    await openFirstRecord(page, 'loans');
    await page.click('[data-action-id="explode"]');
    const toast = '[data-testid="toast"]:has-text("Explode failed: the action broke")';
    expectThat(await page.waitForVisible(toast), 'no toast for the failed action');
    expectThat(await page.isVisible('[data-testid="record-detail"]'), 'the record page is gone');
    return 'contained: toast shown';
  }),
];

const describeFailures = (result: VerificationResult, ids?: readonly string[]) =>
  result.checks
    .filter((outcome) => !outcome.ok && (!ids || ids.includes(outcome.id)))
    .map((outcome) => `${outcome.id}: ${outcome.detail}`)
    .join('\n');

describe('custom code through the extension points, in the sandboxed browser', () => {
  it('a custom view, a field renderer and an action work beside every acceptance check', {
    timeout: 120_000,
  }, async () => {
    const files = withCustom(compileBlueprint(toolLibrary), toolLibraryCustomFiles);
    const result = await verify(files, [...acceptanceChecks(toolLibrary), ...customChecks]);
    expect(describeFailures(result)).toBe('');
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('custom code that throws is contained and the app keeps working', { timeout: 120_000 }, async () => {
    const files = withCustom(compileBlueprint(toolLibrary), throwingCustomFiles);
    const result = await verify(files, containmentChecks);
    const outcome = (id: string) => result.checks.find((candidate) => candidate.id === id);
    expect(outcome('renders')?.ok).toBe(true);
    for (const { id } of containmentChecks) expect(outcome(id)?.detail, id).toMatch(/^contained: /);
    // A caught action error is the app's message, not an error; a component that threw is still
    // reported (React logs it), so the fix loop hears of it even though the person sees a message.
    expect(outcome('contained:action')?.ok).toBe(true);
    expect(outcome('contained:view')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('the custom view broke'),
    });
    expect(result.ok).toBe(false);
  });
});

describe('a recompile after a blueprint change keeps the custom files', () => {
  // The shared type checker's first check builds the template's program (later ones reuse it): on
  // a loaded machine that alone can pass a build's 20 s type-check budget, as a warm worker's never does.
  beforeAll(() => typecheckApp(compileBlueprint(toolLibrary), { timeoutMs: 120_000 }), 150_000);

  const requirement: Fact = {
    id: randomUUID(),
    kind: 'requirement',
    text: 'See at a glance who has the most tools out',
    source: { kind: 'request' },
  };
  const withNotes: Blueprint = {
    ...toolLibrary,
    entities: toolLibrary.entities.map((entity) =>
      entity.id === 'loan'
        ? {
            ...entity,
            fields: [
              ...entity.fields,
              {
                id: 'loan-notes',
                name: 'Notes',
                type: 'longText',
                options: [],
                required: false,
                referenceEntityId: null,
                range: null,
                sourceFactIds: [],
              },
            ],
          }
        : entity,
    ),
  };

  it('the first build writes them, the change keeps them and passes its checks', {
    timeout: 240_000,
  }, async () => {
    const model = createScriptedModel()
      .enqueue(generationTasks.customise, {
        // The compiler's files are not the model's to write: src/App.tsx must be dropped.
        output: {
          files: [...toolLibraryCustomFiles, { path: 'src/App.tsx', content: 'export default 1;\n' }],
          deletedPaths: ['src/schema.ts'],
        },
      })
      .enqueue(generationTasks.customise, { output: { files: [], deletedPaths: [] } })
      // No fix is scripted: a fix call means a build failed, and this names why.
      .enqueue(generationTasks.fix, {
        respond: (call) => {
          throw new Error(
            `a build failed: ${JSON.stringify((call.input as { problems: unknown }).problems)}`,
          );
        },
      });
    const emit = async () => {};
    const first = await generateApp(
      { model, verifier },
      {
        request: 'A tool library',
        kind: 'create',
        ledger: [requirement],
        blueprint: toolLibrary,
        currentVersion: null,
      },
      { emit },
    );
    expect(first.outcome).toBe('built');
    if (first.outcome !== 'built') return;
    expect(first.status).toBe('ready');
    for (const file of toolLibraryCustomFiles) expect(first.files).toContainEqual(file);
    const compiledApp = compileBlueprint(toolLibrary).find((file) => file.path === 'src/App.tsx');
    expect(first.files.find((file) => file.path === 'src/App.tsx')).toEqual(compiledApp);
    expect(first.files.some((file) => file.path === 'src/schema.ts')).toBe(true);

    const second = await generateApp(
      { model, verifier },
      {
        request: 'Add notes to each loan',
        kind: 'change',
        ledger: [requirement],
        blueprint: withNotes,
        currentVersion: { files: first.files, blueprint: toolLibrary },
      },
      { emit },
    );
    expect(model.pending()).toEqual({ [generationTasks.fix]: 1 });
    const customise = model.callsFor(generationTasks.customise);
    expect(customise).toHaveLength(2);
    // The change's customise call saw the custom code it was asked to keep.
    const changeInput = customise[1]?.input as { customFiles: AppFile[] } | undefined;
    expect(changeInput?.customFiles).toEqual(expect.arrayContaining([...toolLibraryCustomFiles]));
    expect(second.outcome).toBe('built');
    if (second.outcome !== 'built') return;
    expect(second.status).toBe('ready');
    expect(second.checks.filter((outcome) => !outcome.ok)).toEqual([]);
    for (const file of toolLibraryCustomFiles) expect(second.files).toContainEqual(file);
    expect(second.files.find((file) => file.path === 'src/blueprint-data.ts')?.content).toContain(
      'loan-notes',
    );

    // And the kept code still works in the recompiled app.
    const result = await verify(second.files, customChecks);
    expect(describeFailures(result)).toBe('');
  });
});
