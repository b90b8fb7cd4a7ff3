import type { Entity, Field, ViewFilter } from '../../../blueprint/blueprint.ts';
import type { Design } from './design.ts';
import { singularize, titleCase } from './inflect.ts';
import { entityNameOf } from './noun-phrase.ts';
import { surface, type Token } from './tokens.ts';
import { dateTypes, fieldNamed, firstOfType, groupTypes, mainDate, measureTypes } from './view-fields.ts';
import { determiners, moneyWords, staffRoles } from './words.ts';

const timeBuckets = new Set([
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
  'quarter',
  'weekday',
]);
// A modal or a "please" ends what a view shows: "a calendar of walks per walker would be great".
const stopWords = new Set([
  ',',
  'and',
  'for',
  'so',
  'on',
  'in',
  'with',
  'as',
  'that',
  'which',
  'who',
  'would',
  'could',
  'should',
  'will',
  'might',
  'please',
  'pls',
  'plz',
]);

function phraseUntil(
  tokens: readonly Token[],
  from: number,
  stops: ReadonlySet<string> = stopWords,
): Token[] {
  const out: Token[] = [];
  for (let index = from; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (stops.has(token.word) || (token.punct && token.word !== '-' && token.word !== "'s")) break;
    out.push(token);
  }
  return out.filter((token) => !determiners.has(token.word) || token.word === 'all');
}

/** The entity a phrase is about: named, or owning a field it names, or the main record. */
function entityOf(design: Design, phrase: string, fieldTypes?: readonly Field['type'][]): Entity | null {
  if (phrase.trim()) {
    const named = design.findEntity(phrase);
    if (named) return named;
    if (fieldTypes) {
      const owner = design.blueprint.entities.find((entity) => fieldNamed(entity, phrase, fieldTypes));
      if (owner) return owner;
    }
  }
  return design.mainEntity();
}

function dateFor(design: Design, entity: Entity, phrase: string, source: string): Field {
  const named = phrase ? fieldNamed(entity, phrase, dateTypes) : null;
  return named ?? mainDate(entity) ?? design.addField(entity, { name: 'Date', type: 'date' }, source);
}

/** "a chart of leads per channel", "see hours per client on a chart", "a chart of average score per product". */
function readChart(clause: readonly Token[], design: Design): boolean {
  const at = clause.findIndex(
    (token) => token.word === 'chart' || token.word === 'graph' || token.word === 'charts',
  );
  if (at < 0) return false;
  let measure: Token[];
  let groupTokens: Token[];
  const per = clause.findIndex(
    (token, index) =>
      (token.word === 'per' || token.word === 'by') && index > (clause[at + 1]?.word === 'of' ? at : -1),
  );
  if (clause[at + 1]?.word === 'of') {
    measure = phraseUntil(clause, at + 2, new Set([...stopWords, 'per', 'by']));
    groupTokens = per > at ? phraseUntil(clause, per + 1) : [];
  } else if (per >= 0 && per < at) {
    const before = clause.slice(0, per);
    let start = before.length;
    while (start > 0 && !['see', 'show', 'shows', 'and', 'want', ','].includes(before[start - 1]?.word ?? ''))
      start--;
    measure = before.slice(start).filter((token) => !determiners.has(token.word));
    groupTokens = phraseUntil(clause, per + 1, new Set([...stopWords, 'on']));
  } else {
    // "Show weekly mileage on a chart", "plot monthly sales as a graph": what is shown comes first.
    measure = per > at ? [] : shownBefore(clause, at);
    groupTokens = per > at ? phraseUntil(clause, per + 1) : [];
  }
  // "weekly mileage": the adjective is the time bucket, the noun the measure.
  const bucket = periodAdjectives.get(measure[0]?.word ?? '');
  const wording = bucket && measure.length > 1 ? titleCase(surface(measure)) : null;
  if (bucket && measure.length > 1) {
    measure = measure.slice(1);
    groupTokens = [{ ...(clause[at] as Token), word: bucket, text: bucket, pos: 'NOUN' }];
  }
  const text = surface(clause);
  const source = design.say('ui', text);
  let fn: 'count' | 'sum' | 'average' = 'sum';
  let words = measure.filter((token) => !['number', 'of', 'total'].includes(token.word));
  if (words[0]?.word === 'average' || words[0]?.word === 'mean') {
    fn = 'average';
    words = words.slice(1);
  }
  const measurePhrase = surface(words);
  // "deal value": the record's own word names the record, the rest the measure.
  let entity =
    design.blueprint.entities.find((candidate) => fieldNamed(candidate, measurePhrase, measureTypes)) ?? null;
  let measureField = entity ? fieldNamed(entity, measurePhrase, measureTypes) : null;
  if (!measureField && words.length > 1) {
    const owner = design.findEntity(words[0]?.text ?? '');
    const rest = surface(words.slice(1));
    const field = owner ? fieldNamed(owner, rest, measureTypes) : null;
    if (owner && field) {
      entity = owner;
      measureField = field;
    }
  }
  let filter: ViewFilter | null = null;
  if (!measureField) {
    entity = design.findEntity(measurePhrase) ?? null;
    if (!entity && words.some((token) => moneyWords.has(token.word))) {
      entity =
        design.blueprint.entities.find((candidate) => firstOfType(candidate, ['money'])) ??
        design.mainEntity();
      measureField = entity ? firstOfType(entity, ['money']) : null;
    }
    if (!entity) {
      // "spending per month" where Spending is a kind of entry: the entries of that kind.
      for (const candidate of design.blueprint.entities) {
        const kind = candidate.fields.find(
          (field) =>
            field.type === 'choice' &&
            field.options.some((option) => option.toLowerCase() === measurePhrase.toLowerCase()),
        );
        if (kind) {
          entity = candidate;
          const option = kind.options.find(
            (value) => value.toLowerCase() === measurePhrase.toLowerCase(),
          ) as string;
          filter = { kind: 'choice', fieldId: kind.id, values: [option] };
          measureField = firstOfType(candidate, ['money']) ?? firstOfType(candidate, ['number']);
          break;
        }
      }
    }
    if (!entity && words.length > 0) {
      const name = entityNameOf(words);
      entity = name ? design.entity(name, source) : null;
    }
    entity ??= design.mainEntity();
    if (!measureField) fn = 'count';
  }
  if (!entity) return false;
  const groupPhrase = surface(groupTokens);
  const spec = {
    kind: 'chart' as const,
    entity,
    groupByFieldId: null as string | null,
    dateFieldId: null as string | null,
    filter,
    aggregate: { fn, fieldId: fn === 'count' ? null : (measureField?.id ?? null) },
  };
  if (groupTokens.length > 0 && groupTokens.every((token) => timeBuckets.has(token.word)))
    spec.dateFieldId = dateFor(design, entity, '', source).id;
  else if (groupTokens.length > 0) spec.groupByFieldId = groupField(design, entity, groupPhrase, source).id;
  const title = wording ?? titleCase(`${measurePhrase || entity.pluralName} per ${groupPhrase || 'month'}`);
  if (!spec.groupByFieldId && !spec.dateFieldId) spec.dateFieldId = dateFor(design, entity, '', source).id;
  design.addView({ ...spec, title }, source);
  return true;
}

/** "weekly" → week: an adjective of period read as the chart's time bucket. */
const periodAdjectives = new Map([
  ['daily', 'day'],
  ['weekly', 'week'],
  ['monthly', 'month'],
  ['quarterly', 'quarter'],
  ['yearly', 'year'],
  ['annual', 'year'],
]);

/**
 * The words shown on a chart named after them: "see weekly mileage on a chart" → weekly mileage.
 * Only when "on / as / in a chart" follows them and a verb of showing opens them.
 */
function shownBefore(clause: readonly Token[], at: number): Token[] {
  let end = at;
  while (end > 0 && determiners.has(clause[end - 1]?.word ?? '')) end--;
  if (!['on', 'as', 'in'].includes(clause[end - 1]?.word ?? '')) return [];
  end--;
  let start = end;
  while (start > 0 && !showVerbs.has(clause[start - 1]?.word ?? '')) {
    if (clause[start - 1]?.punct) return [];
    start--;
  }
  if (start === 0) return [];
  return clause.slice(start, end).filter((token) => !determiners.has(token.word));
}

const showVerbs = new Set([
  'show',
  'see',
  'plot',
  'display',
  'view',
  'chart',
  'graph',
  'visualise',
  'visualize',
]);

/** What a chart or board groups by: a field it names, a reference to a record that has it, or a new field. */
function groupField(design: Design, entity: Entity, phrase: string, source: string): Field {
  const own = fieldNamed(entity, phrase, groupTypes);
  if (own) return own;
  const viaReference = entity.fields.find((field) => {
    if (field.type !== 'reference') return false;
    const target = design.blueprint.entities.find((candidate) => candidate.id === field.referenceEntityId);
    return (
      target !== undefined && (design.findEntity(phrase) === target || fieldNamed(target, phrase) !== null)
    );
  });
  if (viaReference) return viaReference;
  const name = titleCase(singularize(phrase));
  const person = staffRoles.has(singularize(phrase.toLowerCase().split(' ').pop() ?? ''));
  return design.addField(entity, { name, type: person ? 'person' : 'text' }, source);
}

/** "Show bookings on a calendar", "a calendar of due dates", "a calendar by delivery date", "HR needs a calendar of who is away". */
function readCalendar(clause: readonly Token[], design: Design): boolean {
  const at = clause.findIndex((token) => token.word === 'calendar' || token.word === 'calendars');
  if (at < 0) return false;
  const previous = clause[at - 1]?.word ?? '';
  if (
    !['a', 'the', 'on', 'in', 'as', 'shared'].includes(previous) &&
    clause[at + 1]?.word !== 'of' &&
    clause[at + 1]?.word !== 'by'
  )
    return false;
  const source = design.say('ui', surface(clause));
  let subject: Token[] = [];
  let wording = '';
  if (clause[at + 1]?.word === 'of') {
    subject = phraseUntil(clause, at + 2, new Set([...stopWords, 'by', 'per']));
    wording = surface(clause.slice(at + 2, at + 2 + subject.length + 4)).replace(
      /\s+(by|per|and|so|would|could|should|will|might|please|pls|plz)\b.*$/i,
      '',
    );
  } else {
    const on = clause
      .slice(0, at)
      .map((token) => token.word)
      .lastIndexOf('on');
    const before = clause.slice(0, on >= 0 ? on : at);
    let start = before.length;
    while (
      start > 0 &&
      !['show', 'see', 'want', 'need', 'schedule', ',', 'and', 'view'].includes(before[start - 1]?.word ?? '')
    )
      start--;
    subject = before.slice(start).filter((token) => !determiners.has(token.word));
  }
  const by = clause.findIndex((token, index) => index > at && token.word === 'by');
  const byPhrase = by > 0 ? surface(phraseUntil(clause, by + 1)) : '';
  const subjectText = surface(subject);
  const entity =
    (subjectText && design.findEntity(subjectText)) ||
    entityOf(
      design,
      subject.some((token) => ['who', 'when'].includes(token.word)) ? '' : subjectText,
      dateTypes,
    ) ||
    newEntity(design, subject, source);
  if (!entity) return false;
  const dateField = dateFor(
    design,
    entity,
    byPhrase || (design.findEntity(subjectText) ? '' : subjectText),
    source,
  );
  const label = wording && !design.findEntity(subjectText) ? titleCase(wording) : entity.pluralName;
  design.addView({ kind: 'calendar', title: `${label} Calendar`, entity, dateFieldId: dateField.id }, source);
  return true;
}

/** "a board of requests by status", "Support agents want a board by status", "as a board by status". */
function readBoard(clause: readonly Token[], design: Design): boolean {
  const at = clause.findIndex(
    (token, index) =>
      (token.word === 'board' && ['a', 'as', 'kanban'].includes(clause[index - 1]?.word ?? '')) ||
      token.word === 'kanban',
  );
  if (at < 0) return false;
  const source = design.say('ui', surface(clause));
  let subject: Token[] = [];
  if (clause[at + 1]?.word === 'of') subject = phraseUntil(clause, at + 2, new Set([...stopWords, 'by']));
  else {
    const on = clause
      .slice(0, at)
      .map((token) => token.word)
      .lastIndexOf('on');
    if (on > 0) {
      let start = on;
      while (start > 0 && !['show', 'see', 'want', ',', 'and'].includes(clause[start - 1]?.word ?? ''))
        start--;
      subject = clause.slice(start, on).filter((token) => !determiners.has(token.word));
    }
  }
  const entity = entityOf(design, surface(subject)) ?? newEntity(design, subject, source);
  if (!entity) return false;
  const by = clause.findIndex((token, index) => index > at && token.word === 'by');
  const byPhrase = by > 0 ? surface(phraseUntil(clause, by + 1)) : '';
  const status = entity.fields.find((field) => field.id === entity.statusFieldId) ?? null;
  const named = byPhrase
    ? fieldNamed(entity, byPhrase, ['choice', 'multiChoice', 'person', 'reference', 'boolean'])
    : null;
  const group =
    named ??
    status ??
    firstOfType(entity, ['choice']) ??
    design.addField(entity, { name: titleCase(byPhrase || 'Status'), type: 'choice' }, source);
  if (group.type === 'choice' && entity.statusFieldId === null && /status|stage/i.test(group.name))
    entity.statusFieldId = group.id;
  design.addView(
    { kind: 'board', title: `${entity.pluralName} by ${group.name}`, entity, groupByFieldId: group.id },
    source,
  );
  return true;
}

/** "Keep a calendar of our band's gigs": the view names records nothing else has. */
function newEntity(design: Design, subject: readonly Token[], source: string): Entity | null {
  const name = subject.some((token) => ['who', 'when', 'what'].includes(token.word))
    ? null
    : entityNameOf(subject);
  return name ? design.entity(name, source) : null;
}

export function readViews(clause: readonly Token[], design: Design): boolean {
  let read = false;
  if (readChart(clause, design)) read = true;
  if (readCalendar(clause, design)) read = true;
  if (readBoard(clause, design)) read = true;
  return read;
}
