import type { CheckPage, VerificationCheck } from '../src/validation/browser/checks.ts';

/** A rendered view's kind, told by what is on the page (columns, a month grid, bars, a table…). */
export type ShownKind = 'table' | 'board' | 'calendar' | 'chart' | 'list' | 'detail';

/** What one view shows once opened from the navigation: its labels, never its records' values. */
export interface ShownView {
  /** The navigation link's text. */
  link: string;
  /** The entity heading the link sits under (shown when the app has several entities). */
  heading: string | null;
  title: string;
  /** "Loans with Due Date before today · 3 Loans". */
  subtitle: string;
  /** "+ New Loan". */
  newButton: string;
  kind: ShownKind | null;
  columns: string[];
  boardColumns: string[];
  /** "Number of Loans by Tool", "Columns by Status", "By Due Date", and their bold parts. */
  notes: string[];
  /** The field labels on record cards and the detail panel. */
  fieldLabels: string[];
}

export interface ShownField {
  label: string;
  /** The options of a choice select or multi-choice group, in the order shown; none otherwise. */
  options: string[];
}

/** An entity's "New …" form as it opens from the first view under its heading. */
export interface ShownForm {
  heading: string | null;
  /** "New Loan". */
  title: string;
  fields: ShownField[];
}

export interface ShownApp {
  headings: string[];
  links: string[];
  views: ShownView[];
  forms: ShownForm[];
  /** Who the app says it is for ("For dispatchers and drivers"), under its name; null when it says nothing. */
  audience: string | null;
  /** What could not be read (a link that did not open, a form that did not show). */
  failures: string[];
}

const nav = 'nav.nav';
const link = `${nav} [data-nav-view-id]`;
const group = `${nav} .nav-group`;
const page = 'main .page';
const form = '[data-testid="record-form"]';
const dialogClose = '[data-testid="dialog-close"]';

/*
 * What marks each kind on the page. Read from the rendered structure (a board's columns, the
 * calendar's grid, the chart's card…), not from the view's declared kind: a board that rendered
 * no columns does not count as a board.
 */
const kindMarkers: readonly [ShownKind, string][] = [
  ['board', `${page} .board`],
  ['calendar', `${page} .calendar`],
  ['chart', `${page} .chart`],
  ['table', `${page} .table-view`],
  ['detail', `${page} .master-detail`],
  ['list', `${page} .list`],
];

const clean = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
/** A form label without its required mark. */
const label = (text: string | null) => clean(text).replace(/\s*\*$/, '');

async function closeDialog(checkPage: CheckPage): Promise<void> {
  if (await checkPage.isVisible(dialogClose)) await checkPage.click(dialogClose);
}

async function shownKind(checkPage: CheckPage): Promise<ShownKind | null> {
  const counts = await Promise.all(kindMarkers.map(([, selector]) => checkPage.count(selector)));
  return kindMarkers.find((_, index) => (counts[index] ?? 0) > 0)?.[0] ?? null;
}

async function readView(
  checkPage: CheckPage,
  index: number,
  heading: string | null,
): Promise<ShownView | string> {
  const selector = `${link} >> nth=${index}`;
  const [links, linkText] = await Promise.all([checkPage.count(link), checkPage.textOf(selector)]);
  if (links <= index) return `no navigation link #${index + 1}`;
  await closeDialog(checkPage);
  await checkPage.click(selector);
  // A click is a discrete event: React has rendered the new page when it returns; the title
  // check catches a page that did not change.
  const opened = await checkPage.waitForVisible(`${page} .page-title`);
  const texts = (selector: string) => checkPage.textsOf(selector).then((all) => all.map(clean));
  const text = (selector: string) => checkPage.textOf(selector).then(clean);
  // Reads change nothing on the page, so they go out together: one round trip's wait, not twelve.
  const [title, subtitle, newButton, kind, columns, boardColumns, notes, fieldLabels] = await Promise.all([
    text(`${page} .page-title`),
    text(`${page} .page-subtitle`),
    text(`${page} [data-testid="new-record"]`),
    shownKind(checkPage),
    texts(`${page} thead th`),
    texts(`${page} [data-testid="column-title"]`),
    texts(`${page} .view-note, ${page} .view-note strong`),
    texts(`${page} dt`),
  ]);
  if (!opened || title !== clean(linkText))
    return `the link "${clean(linkText)}" opened "${title || 'nothing'}"`;
  return {
    link: title,
    heading,
    title,
    subtitle,
    newButton,
    kind,
    columns,
    boardColumns,
    notes,
    fieldLabels: [...new Set(fieldLabels)],
  };
}

async function readChoices(checkPage: CheckPage, type: 'choice' | 'multiChoice'): Promise<ShownField[]> {
  const fieldSelector = `${form} .form-field[data-field-type="${type}"]`;
  const optionSelector = type === 'choice' ? 'option:not([value=""])' : '.check-group .check span';
  const count = await checkPage.count(fieldSelector);
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const field = `${fieldSelector} >> nth=${index}`;
      const [text, options] = await Promise.all([
        checkPage.textOf(`${field} >> .form-label`),
        checkPage.textsOf(`${field} >> ${optionSelector}`),
      ]);
      return { label: label(text), options: options.map(clean) };
    }),
  );
}

async function readForm(checkPage: CheckPage, groupIndex: number): Promise<ShownForm | string> {
  const groupSelector = `${group} >> nth=${groupIndex}`;
  if ((await checkPage.count(group)) <= groupIndex) return `no navigation group #${groupIndex + 1}`;
  await closeDialog(checkPage);
  const headingText = await checkPage.textOf(`${groupSelector} >> .nav-heading`);
  await checkPage.click(`${groupSelector} >> [data-nav-view-id] >> nth=0`);
  await checkPage.click(`${page} [data-testid="new-record"]`);
  if (!(await checkPage.waitForVisible(form))) return `the New form of group #${groupIndex + 1} did not open`;
  // Labels in the form's order: a field's own label, or a yes/no's checkbox text.
  const [title, labels, single, multiple] = await Promise.all([
    checkPage.textOf('.dialog-header h2').then(clean),
    checkPage.textsOf(`${form} .form-field > .form-label, ${form} .form-field > label.check > span`),
    readChoices(checkPage, 'choice'),
    readChoices(checkPage, 'multiChoice'),
  ]);
  const choices = [...single, ...multiple];
  await closeDialog(checkPage);
  return {
    heading: headingText === null ? null : clean(headingText),
    title,
    fields: labels.map((text) => {
      const name = label(text);
      return { label: name, options: choices.find((choice) => choice.label === name)?.options ?? [] };
    }),
  };
}

/**
 * Harness-side checks that read what a built app shows, for the eval: the navigation first, then
 * one check per entity heading (its views opened in turn from the navigation, then its New form),
 * so each stays well within the verifier's per-check time while the run pays the per-check settle
 * only a few times. They always pass; what they read lands in `shown`, what could not be read in
 * its `failures`. `entities` is how many entities the compiled app has: a group the page does not
 * show is recorded as a failure.
 */
export function builtAppReader(entities: number): { checks: VerificationCheck[]; shown: ShownApp } {
  const shown: ShownApp = { headings: [], links: [], views: [], forms: [], audience: null, failures: [] };
  /** Per navigation group: its heading (null when headings are not shown) and how many links. */
  let groups: [string | null, number][] = [];
  const reading = (id: string, title: string, read: (checkPage: CheckPage) => Promise<void>) => ({
    id,
    title,
    async run(checkPage: CheckPage) {
      try {
        await read(checkPage);
      } catch (error) {
        shown.failures.push(
          `${title}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
      }
      return { ok: true, detail: 'read' };
    },
  });
  const record = <T>(into: T[], result: T | string) => {
    if (typeof result === 'string') shown.failures.push(result);
    else into.push(result);
  };
  return {
    shown,
    checks: [
      reading('eval:navigation', 'Read the navigation', async (checkPage) => {
        const count = await checkPage.count(group);
        // Headings by their text content: their inner text is in capitals (CSS text-transform).
        const [links, grouped, audience] = await Promise.all([
          checkPage.textsOf(link),
          Promise.all(
            Array.from({ length: count }, (_, index) =>
              Promise.all([
                checkPage
                  .textOf(`${group} >> nth=${index} >> .nav-heading`)
                  .then((text) => (text === null ? null : clean(text))),
                checkPage.count(`${group} >> nth=${index} >> [data-nav-view-id]`),
              ]),
            ),
          ),
          checkPage.textOf('[data-testid="audience"]'),
        ]);
        groups = grouped;
        shown.audience = audience === null ? null : clean(audience);
        shown.headings = grouped.flatMap(([heading]) => (heading === null ? [] : [heading]));
        shown.links = links.map(clean);
      }),
      ...Array.from({ length: entities }, (_, groupIndex) =>
        reading(`eval:entity:${groupIndex}`, `Read entity #${groupIndex + 1}`, async (checkPage) => {
          const entry = groups[groupIndex];
          if (!entry) {
            shown.failures.push(`no navigation group #${groupIndex + 1}`);
            return;
          }
          const [heading, links] = entry;
          const first = groups.slice(0, groupIndex).reduce((total, [, count]) => total + count, 0);
          for (let index = first; index < first + links; index++)
            record(shown.views, await readView(checkPage, index, heading));
          record(shown.forms, await readForm(checkPage, groupIndex));
        }),
      ),
    ],
  };
}
