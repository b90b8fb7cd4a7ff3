import type { Blueprint } from '../src/blueprint/blueprint.ts';
import { toAppBlueprint } from '../src/compiler/app-blueprint.ts';
import { type CompileOptions, compileBlueprint } from '../src/compiler/compile-blueprint.ts';
import { buildModel } from '../src/compiler/template/src/logic/model.ts';
import type { AppFile } from '../src/validation/app-files.ts';
import type { BrowserVerifier } from '../src/validation/browser/browser-verifier.ts';
import { bundleApp } from '../src/validation/bundle-app.ts';
import { builtAppReader, type ShownApp } from './read-built-app.ts';
import type { ScoredDesign } from './score-blueprint.ts';

/** "+ New Loan" / "New Loan" → "Loan": the entity's own name, as the template words its buttons. */
const entityOfNew = (text: string) => text.replace(/^\+?\s*New\s+/, '');

/** "Loans with Due Date before today · 3 Loans" → "Loans": the plural the count is shown with. */
function pluralOfSubtitle(subtitle: string): string {
  const count = subtitle.split(' · ').at(-1) ?? '';
  return count.replace(/^\d+\s+/, '');
}

/**
 * What a built app shows, as the scorer reads a blueprint. Words: navigation links and entity
 * headings, view titles, the kind of each rendered view (a board on the page keeps "a board of
 * requests"), table column headers, board column titles, chart / board / calendar notes, field
 * labels on cards and detail panels, each entity's name (from its New form) and its form's labels
 * and choice options. Records' values are left out: sample data must not count as the app's words,
 * and neither does the app's title (as for the blueprint). Audience: the app shows none.
 *
 * `viewKindsAsWords: false` leaves the kinds out, for the stricter figure of words written on the
 * screen only (a rendered chart then no longer keeps "a chart of …").
 */
export function designOfShownApp(
  shown: ShownApp,
  { viewKindsAsWords = true }: { viewKindsAsWords?: boolean } = {},
): ScoredDesign {
  const entities = shown.forms.map((form) => {
    const name = entityOfNew(form.title);
    const view = shown.views.find((candidate) => entityOfNew(candidate.newButton) === name);
    return { name, pluralName: form.heading ?? (view ? pluralOfSubtitle(view.subtitle) : '') };
  });
  const fields = shown.forms.flatMap((form) =>
    form.fields.map((field) => ({ name: field.label, type: null, options: field.options })),
  );
  const words = [
    ...shown.links,
    ...shown.headings,
    ...shown.views.flatMap((view) => [
      view.title,
      ...(view.kind && viewKindsAsWords ? [view.kind] : []),
      ...view.columns,
      ...view.boardColumns,
      ...view.notes,
      ...view.fieldLabels,
    ]),
    ...entities.flatMap((entity) => [entity.name, entity.pluralName]),
    ...fields.flatMap((field) => [field.name, ...field.options]),
  ].filter((word) => word !== '');
  return {
    words,
    fields,
    typesKnown: false,
    entities,
    views: shown.views.flatMap((view) => (view.kind ? [{ kind: view.kind, title: view.title }] : [])),
    audience: shown.audience === null ? [] : [shown.audience],
  };
}

export interface BuiltApp {
  /** What the app showed; null when it never ran (it did not bundle). */
  shown: ShownApp | null;
  /** Bundle errors, page errors, console errors and what the reader could not read. */
  problems: string[];
  /** Compile + bundle + the browser run, in ms. */
  milliseconds: number;
}

/**
 * Compiles a blueprint as generation does, bundles it, runs it in the sandboxed browser and reads
 * what it shows (`builtAppReader`). The verifier is the caller's: one warm browser for a whole eval.
 */
export async function buildAndRead(
  verifier: BrowserVerifier,
  blueprint: Blueprint,
  options: CompileOptions & {
    /** The app's files instead of the blueprint compiled: a test's deliberately broken app. */
    files?: readonly AppFile[];
  } = {},
): Promise<BuiltApp> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const files = options.files ?? compileBlueprint(blueprint, options);
  const bundle = await bundleApp(files, { sourceMap: true });
  if (!bundle.ok)
    return {
      shown: null,
      problems: bundle.problems.map((problem) => `bundle: ${problem.path}: ${problem.message}`),
      milliseconds: elapsed(),
    };
  const model = buildModel(toAppBlueprint(blueprint));
  const reader = builtAppReader(model.entities.length);
  const result = await verifier.verifyApp(bundle, reader.checks);
  const problems = [
    ...result.problems.map((problem) => `${problem.source}: ${problem.message}`),
    ...reader.shown.failures.map((failure) => `not read: ${failure}`),
  ];
  return { shown: reader.shown, problems, milliseconds: elapsed() };
}
