import type { LedgerFactView } from '../../../generation/task-schemas.ts';
import { profileFor } from '../app-profile.ts';
import { type AppSpec, capitalize, pascalCase, titleCase } from './app-spec.ts';
import { fieldSpecs } from './field-kinds.ts';
import { sampleTitlesFor } from './sample-data.ts';

const maxFields = 7;

/** Splits "title, customer email, priority and description" into its items. */
export function splitList(text: string): string[] {
  return text
    .replace(/\bdate and time\b/gi, 'date/time')
    .split(/\s*(?:;|,|→|->|\band\b|\bor\b|\+)\s*/i)
    .map((item) =>
      item
        .replace(/\(.*?\)/g, '')
        .replace(/^(a|an|the|their|its|each|with)\s+/i, '')
        .replace(/[.!?:]+$/g, '')
        .trim(),
    )
    .filter((item) => item.length > 0 && item.length <= 40);
}

/** The list part of a fact: after "records:", "includes", "capture", or after a colon. */
function listPart(text: string, leads: RegExp): string | null {
  const match = leads.exec(text);
  return match ? text.slice(match.index + match[0].length) : null;
}

function factsAbout(ledger: readonly LedgerFactView[], topic: string, pattern: RegExp): LedgerFactView[] {
  return ledger.filter(
    (fact) => fact.kind !== 'unknown' && (fact.topic === topic || pattern.test(fact.text)),
  );
}

function fieldLabels(ledger: readonly LedgerFactView[], fallback: readonly string[]): string[] {
  const labels: string[] = [];
  for (const fact of factsAbout(ledger, 'fields', /\b(records|includes|capture|fields?)\b/i)) {
    const part = listPart(fact.text, /\b(records|includes?|including|capture|fields?|has|have|with)\b:?\s*/i);
    if (part) labels.push(...splitList(part));
  }
  const cleaned = labels.filter((label) => !/^(status|stage|statuses)$/i.test(label));
  const unique = [...new Map(cleaned.map((label) => [label.toLowerCase(), label])).values()];
  return unique.length >= 2 ? unique : [...unique, ...fallback.filter((label) => !unique.includes(label))];
}

function statusList(ledger: readonly LedgerFactView[], fallback: readonly string[]): string[] {
  for (const fact of [...factsAbout(ledger, 'workflow', /→|->|\bstatus(es)?\b|\bstages?\b/i)].reverse()) {
    const part =
      fact.text.includes('→') || fact.text.includes('->') ? fact.text : listPart(fact.text, /:\s*/);
    if (!part) continue;
    const statuses = splitList(
      part.replace(/^.*?(statuses|stages)\s*:?\s*/i, '').replace(/^I'll use the\s*/i, ''),
    )
      .map((status) => capitalize(status))
      .filter((status) => !/^(no statuses|just a list)/i.test(status));
    if (statuses.length >= 2 && statuses.every((status) => status.split(/\s+/).length <= 4)) return statuses;
  }
  return fallback.length >= 2 ? [...fallback] : ['Active', 'Done'];
}

function hueFor(id: string): number {
  const hues: Record<string, number> = {
    support_tickets: 222,
    bookings: 174,
    inventory: 28,
    crm: 262,
    tasks: 210,
    expenses: 142,
    recruiting: 330,
    assets: 196,
    events: 12,
    orders: 48,
    content: 292,
    maintenance: 36,
    invoices: 160,
  };
  return hues[id] ?? [...id].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 360, 7);
}

/** Turns the ledger (and the request) into the app the offline builder will write. */
export function deriveSpec(request: string, ledger: readonly LedgerFactView[]): AppSpec {
  const profile = profileFor(request, ledger);
  const { domain } = profile;
  const said = [request, ...ledger.filter((fact) => fact.kind !== 'unknown').map((fact) => fact.text)].join(
    '\n',
  );
  const lower = said.toLowerCase();
  const viewText = [
    request,
    ...ledger.filter((fact) => fact.topic === 'views' || fact.kind === 'ui').map((f) => f.text),
  ]
    .join('\n')
    .toLowerCase();

  const labels = fieldLabels(ledger, domain.coreFields);
  if (/\bpriorit/i.test(said) && !labels.some((label) => /priority|severity/i.test(label)))
    labels.push('priority');
  const fields = fieldSpecs(labels.slice(0, maxFields), domain.id);
  const statuses = statusList(ledger, domain.workflows[0] ?? []);
  const hasDate = fields.some((field) => field.kind === 'date' || field.kind === 'datetime');
  const workflowSaid = ledger.some((fact) => fact.topic === 'workflow' && fact.kind !== 'assumption');

  const singular = profile.record.singular;
  const plural = profile.record.plural;
  const goal = ledger.find((fact) => fact.kind === 'goal')?.text ?? request;
  return {
    domainId: domain.id,
    title: titleFor(plural, domain.id),
    subtitle: capitalize(goal.trim().replace(/\s+/g, ' ').slice(0, 140)),
    record: { singular, plural, typeName: recordTypeName(singular) },
    fields,
    statuses,
    views: {
      board: /\b(board|kanban|pipeline|columns?|stages?)\b/.test(viewText) || workflowSaid,
      calendar:
        hasDate &&
        /\b(calendar|schedul\w*|agenda|timeline|appointments?|bookings?|due dates?|by date|week)\b/.test(
          lower,
        ),
      dashboard:
        /\b(dashboard|charts?|reports?|stats|statistics|graphs?|analytics|summary|overview|totals?)\b/.test(
          lower,
        ),
    },
    csvExport: /\b(csv|export|spreadsheet|excel)\b/.test(lower),
    accentHue: hueFor(domain.id),
    storageKey: `app:${domain.id}:${plural.replace(/\s+/g, '-')}:v1`,
    sampleTitles: sampleTitlesFor(domain.id, singular),
  };
}

/**
 * Names the generated code already uses for its own types, and global types it relies on
 * (`Record<…>`, `Omit<…>`, `Date`), can't also name the record.
 */
const reservedTypeNames = new Set([
  'Item',
  'Status',
  'Draft',
  'FieldDef',
  'FieldKey',
  'FieldKind',
  'App',
  'View',
  'Filters',
  'Editing',
  'Record',
  'Omit',
  'Exclude',
  'Date',
  'String',
  'Number',
  'Array',
  'Map',
  'Set',
]);

function recordTypeName(singular: string): string {
  const name = pascalCase(singular);
  // A singular with no ASCII letters (say, Japanese) leaves only pascalCase's bare fallback.
  if (name === 'Record') return 'Entry';
  return reservedTypeNames.has(name) ? `${name}Record` : name;
}

function titleFor(plural: string, domainId: string): string {
  const names: Record<string, string> = {
    support_tickets: 'Support Desk',
    bookings: 'Appointment Book',
    inventory: 'Stockroom',
    crm: 'Sales Pipeline',
    tasks: 'Task Board',
    expenses: 'Expense Tracker',
    recruiting: 'Hiring Pipeline',
    assets: 'Equipment Manager',
    events: 'Event Planner',
    orders: 'Order Desk',
    content: 'Content Calendar',
    maintenance: 'Maintenance Log',
    invoices: 'Invoices',
  };
  return names[domainId] ?? titleCase(plural);
}
