import { camelCase, type FieldKind, type FieldSpec, titleCase } from './app-spec.ts';

/**
 * Field kinds inferred from how people name fields. Checked in order: "phone number" is a phone,
 * not a number; "due date" a date; "deal value" money.
 */
const kindRules: { kind: FieldKind; pattern: RegExp }[] = [
  { kind: 'email', pattern: /\be-?mail\b/ },
  { kind: 'phone', pattern: /\b(phone|mobile|telephone)\b/ },
  { kind: 'url', pattern: /\b(link|url|website|resume|cv)\b/ },
  { kind: 'datetime', pattern: /\b(date and time|date\/time|datetime|time|when|slot|start)\b/ },
  { kind: 'date', pattern: /\b(date|deadline|due|day|birthday|dob|warranty end)\b/ },
  { kind: 'money', pattern: /\b(amount|cost|price|value|total|budget|salary|revenue|fee|spend)\b/ },
  { kind: 'text', pattern: /\b(serial|sku|isbn|code|id|number plate)\b/ },
  {
    kind: 'number',
    pattern:
      /\b(quantity|qty|count|capacity|hours|level|rating|score|duration|year|target|estimate|stock|age|size)\b/,
  },
  { kind: 'longtext', pattern: /\b(description|notes?|comments?|details|summary|feedback|message)\b/ },
  {
    kind: 'person',
    pattern:
      /\b(assignee|assigned|owner|staff|provider|dentist|doctor|author|interviewer|paid by|reported by|technician|organizer|person|borrower|manager|rep|member)\b/,
  },
  {
    kind: 'select',
    pattern:
      /\b(priority|severity|category|type|channel|source|genre|service|department|sentiment|stage|plan|role)\b/,
  },
];

/** Sensible choices for select fields, by the word that made them a select. */
const selectOptions: { pattern: RegExp; options: string[] }[] = [
  { pattern: /priority|severity/, options: ['Low', 'Medium', 'High', 'Urgent'] },
  { pattern: /channel/, options: ['Blog', 'Newsletter', 'LinkedIn', 'Instagram', 'YouTube'] },
  { pattern: /source/, options: ['Referral', 'Job board', 'LinkedIn', 'Website', 'Email'] },
  { pattern: /service/, options: ['Check-up', 'Cleaning', 'Filling', 'Consultation', 'Follow-up'] },
  { pattern: /genre/, options: ['Fiction', 'Non-fiction', 'Science', 'History', 'Biography'] },
  { pattern: /sentiment/, options: ['Positive', 'Neutral', 'Negative'] },
  { pattern: /department/, options: ['Engineering', 'Sales', 'Marketing', 'Operations', 'Support'] },
  { pattern: /role/, options: ['Engineer', 'Designer', 'Product manager', 'Sales', 'Support'] },
  { pattern: /stage/, options: ['Early', 'Middle', 'Late'] },
  { pattern: /plan/, options: ['Free', 'Pro', 'Enterprise'] },
];

const categoryOptions: Record<string, string[]> = {
  expenses: ['Travel', 'Meals', 'Software', 'Office', 'Other'],
  assets: ['Laptop', 'Monitor', 'Camera', 'Audio', 'Other'],
  inventory: ['Hardware', 'Consumables', 'Packaging', 'Tools', 'Other'],
  support_tickets: ['Billing', 'Bug', 'Account', 'Feature request', 'Other'],
  content: ['Announcement', 'Tutorial', 'Case study', 'Opinion', 'Other'],
};

export function fieldKind(label: string): FieldKind {
  const lower = label.toLowerCase();
  return kindRules.find((rule) => rule.pattern.test(lower))?.kind ?? 'text';
}

function optionsFor(label: string, domainId: string): string[] {
  const lower = label.toLowerCase();
  const known = selectOptions.find((entry) => entry.pattern.test(lower));
  if (known) return known.options;
  return categoryOptions[domainId] ?? ['General', 'Important', 'Other'];
}

/** Builds field specs from labels, with unique identifier keys (never the reserved ones). */
export function fieldSpecs(labels: readonly string[], domainId: string): FieldSpec[] {
  const reserved = new Set(['id', 'createdAt', 'status']);
  const fields: FieldSpec[] = [];
  for (const [index, raw] of labels.entries()) {
    const label = titleCase(raw.trim()).replace(/^Sku$/i, 'SKU');
    let key = camelCase(label);
    if (!key || reserved.has(key)) continue;
    while (fields.some((field) => field.key === key)) key = `${key}2`;
    const kind = index === 0 && fieldKind(label) !== 'text' ? 'text' : fieldKind(label);
    fields.push({
      key,
      label: label.replace(/^Sku$/i, 'SKU'),
      kind,
      options: kind === 'select' ? optionsFor(label, domainId) : [],
      required: index === 0,
    });
  }
  return fields;
}
