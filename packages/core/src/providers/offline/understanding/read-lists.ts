import type { Entity, Field, View, ViewFilter } from '../../../blueprint/blueprint.ts';
import type { Design } from './design.ts';
import { titleCase } from './inflect.ts';
import { entityNameOf } from './noun-phrase.ts';
import { surface, type Token } from './tokens.ts';
import { dateTypes, fieldNamed, mainDate } from './view-fields.ts';
import { determiners, openWords } from './words.ts';

const showVerbs = new Set(['show', 'see', 'view', 'list', 'find', 'display', 'shows', 'highlight']);
const relatives = new Set(['that', 'which', 'who', 'whose', 'where']);
const stateAdjectives = new Set([
  'overdue',
  'late',
  'unpaid',
  'expired',
  'open',
  'active',
  'pending',
  'upcoming',
  'full',
]);

interface ListPhrase {
  subject: Token[];
  predicate: Token[];
  kind: View['kind'];
  /** How the title reads: the person's phrase with "which"/"that are" dropped. */
  title: string;
}

function cleanTitle(subject: readonly Token[], predicate: readonly Token[], whichFirst: boolean): string {
  // "haven't paid" reads "Have Not Paid" in a title.
  let words = predicate
    .filter((token) => token.word !== 'still' && !token.punct)
    .map((token) => (token.text.toLowerCase() === "n't" ? { ...token, text: 'not' } : token));
  // "which plots are free" → Free Plots; "which tools are out right now" → Tools Out Right Now.
  if (
    whichFirst &&
    ['are', 'is'].includes(words[0]?.word ?? '') &&
    words.length === 2 &&
    words[1]?.pos === 'ADJ'
  )
    return titleCase(`${surface(words.slice(1))} ${surface(subject)}`);
  if (whichFirst && ['are', 'is'].includes(words[0]?.word ?? '')) words = words.slice(1);
  else if (whichFirst && ['have', 'has'].includes(words[0]?.word ?? ''))
    words = [{ ...(words[0] as Token), text: 'with', word: 'with' }, ...words.slice(1)];
  else if (whichFirst && words[0])
    words = [{ ...words[0], text: 'that', word: 'that', pos: 'PRON' }, ...words];
  if (
    !whichFirst &&
    words[0]?.word === 'that' &&
    ['are', 'is'].includes(words[1]?.word ?? '') &&
    words.length > 3
  )
    words = words.slice(2);
  return titleCase(`${surface(subject)} ${surface(words)}`.trim());
}

/** Finds "a list of X that P", "List X that P", "Show X P", "see which X P", "X as a list", "a table of open X". */
function listPhrase(clause: readonly Token[]): ListPhrase | null {
  const words = clause.map((token) => token.word);
  const listAt = words.findIndex(
    (word, index) => (word === 'list' || word === 'table') && words[index + 1] === 'of',
  );
  if (listAt >= 0) {
    let rest = clause.slice(listAt + 2);
    // "found items with where each one was found, …": the fields follow "with", not the title.
    const withAt = rest.findIndex((token) => token.word === 'with');
    if (withAt > 0) rest = rest.slice(0, withAt);
    const rel = rest.findIndex(
      (token, index) =>
        index > 0 &&
        (relatives.has(token.word) || ['past', 'coming', 'due', 'ending', 'expiring'].includes(token.word)),
    );
    const subject = (rel > 0 ? rest.slice(0, rel) : rest.filter((token) => !token.punct)).filter(
      (token) => !determiners.has(token.word) || token.word === 'all',
    );
    const cut = subject.findIndex((token) => token.word === ',' || token.word === 'and');
    const cleanSubject = cut > 0 ? subject.slice(0, cut) : subject;
    const predicate =
      rel > 0
        ? rest
            .slice(rel)
            .filter((token, index, all) => !(token.word === 'and' && all[index + 1]?.word === 'a'))
        : [];
    const end = predicate.findIndex(
      (token, index) =>
        token.word === ',' ||
        (token.word === 'and' && ['a', 'an'].includes(predicate[index + 1]?.word ?? '')),
    );
    const kept = end > 0 ? predicate.slice(0, end) : predicate;
    return {
      subject: cleanSubject.filter((token) => token.word !== 'all'),
      predicate: kept,
      kind: words[listAt] === 'table' ? 'table' : 'list',
      title: cleanTitle(
        cleanSubject.filter((t) => t.word !== 'all'),
        kept,
        false,
      ),
    };
  }
  const asList = words.findIndex(
    (word, index) => word === 'as' && words[index + 1] === 'a' && words[index + 2] === 'list',
  );
  if (asList > 0) {
    let start = asList;
    while (start > 0 && !showVerbs.has(words[start - 1] ?? '') && words[start - 1] !== ',') start--;
    const subject = clause.slice(start, asList).filter((token) => !determiners.has(token.word));
    return { subject, predicate: [], kind: 'list', title: titleCase(surface(subject)) };
  }
  // An imperative or a wish ("Show …", "we want to see …", "Hosts see …"), not "trade show leads".
  const show = words.findIndex(
    (word, index) =>
      showVerbs.has(word) &&
      (index === 0 ||
        ['to', 'we', 'i', 'want', 'need', 'and', 'can', 'also', 'please'].includes(words[index - 1] ?? '') ||
        (word === 'see' && clause[index - 1]?.pos === 'NOUN')),
  );
  if (show < 0) return null;
  let start = show + 1;
  const whichFirst = words[start] === 'which' || words[start] === 'what';
  if (words[start] === 'me' || words[start] === 'us') start++;
  if (whichFirst) start++;
  if (words[start - 1] === 'what' || words[start] === 'what') {
    // "Show what needs reordering": the main records, the rest is the condition.
    const at = words[start] === 'what' ? start + 1 : start;
    const predicate = clause.slice(at);
    return { subject: [], predicate, kind: 'list', title: titleCase(`what ${surface(predicate)}`) };
  }
  const rest = clause.slice(start);
  let split = rest.findIndex(
    (token, index) =>
      index > 0 &&
      (relatives.has(token.word) ||
        token.pos === 'VERB' ||
        token.pos === 'AUX' ||
        ['due', 'past', 'out'].includes(token.word)),
  );
  if (split < 0) {
    // "Show overdue loans", "see unpaid invoices": the condition is the adjective before the records.
    const first = rest[0];
    const records = rest.slice(1).filter((token) => !token.punct);
    if (!first || records.length === 0 || !stateAdjectives.has(first.word)) return null;
    return { subject: records, predicate: [first], kind: 'list', title: titleCase(surface(rest)) };
  }
  if (whichFirst && rest[split - 1]?.word === 'still') split--;
  const subject = rest.slice(0, split).filter((token) => !determiners.has(token.word));
  let predicate = rest.slice(split);
  const and = predicate.findIndex(
    (token, index) =>
      token.word === 'and' && ['who', 'a', 'an', 'what', 'which'].includes(predicate[index + 1]?.word ?? ''),
  );
  if (and > 0) predicate = predicate.slice(0, and);
  if (subject.length === 0 || predicate.some((token) => ['calendar', 'board', 'chart'].includes(token.word)))
    return null;
  return { subject, predicate, kind: 'list', title: cleanTitle(subject, predicate, whichFirst) };
}

function numberIn(text: string): number | null {
  const match = /(\d+)\s*(days|day|weeks|week)/.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  return match[2]?.startsWith('week') ? value * 7 : value;
}

/** The condition a list's words state, and the record it lists. */
function filterFor(
  design: Design,
  entity: Entity,
  phrase: ListPhrase,
): { entity: Entity; filter: ViewFilter | null } {
  const text = ` ${phrase.predicate.map((token) => token.word).join(' ')} `;
  const subjectText = ` ${phrase.subject.map((token) => token.word).join(' ')} `;
  const dates = (words: string[]): Field | null => {
    for (const word of words) {
      const hit = fieldNamed(entity, word, dateTypes);
      if (hit) return hit;
    }
    return null;
  };
  const predicateWords = phrase.predicate
    .map((token) => token.word.replace(/s$/, ''))
    .filter((word) => word.length > 2);
  const subjectWords = phrase.subject.map((token) => token.word.replace(/s$/, ''));

  // "which tools are out right now": the loans of a tool that are not back yet.
  if (/ (are|is) out | checked out | not (yet )?returned | on loan | still out /.test(text)) {
    const loan = design.blueprint.entities.find(
      (candidate) =>
        candidate.fields.some(
          (field) => field.type === 'reference' && field.referenceEntityId === entity.id,
        ) && candidate.fields.filter((field) => field.type === 'date').length >= 2,
    );
    const back = loan?.fields.filter((field) => field.type === 'date').pop();
    if (loan && back) return { entity: loan, filter: { kind: 'empty', fieldId: back.id, empty: true } };
  }
  // "still have free seats", "seats left", "open spots": fewer related records than a number.
  const seats = /(free|open|available|spare|empty) (\w+)|(\w+) (left|remaining|available)/.exec(text);
  if (seats && / (have|has|with) /.test(` ${text} `.replace(/ still /, ' '))) {
    const noun = seats[2] ?? seats[3] ?? '';
    const related = design.blueprint.entities.find(
      (candidate) =>
        candidate !== entity &&
        candidate.fields.some((field) => field.type === 'reference' && field.referenceEntityId === entity.id),
    );
    const link = related?.fields.find(
      (field) => field.type === 'reference' && field.referenceEntityId === entity.id,
    );
    const limit =
      fieldNamed(entity, noun, ['number']) ??
      entity.fields.find(
        (field) => field.type === 'number' && /capacity|seat|spot|place|space|slot/i.test(field.name),
      ) ??
      null;
    if (related && link && limit)
      return {
        entity,
        filter: {
          kind: 'relatedCountBelow',
          relatedEntityId: related.id,
          relatedFieldId: link.id,
          limitFieldId: limit.id,
        },
      };
    return { entity, filter: null };
  }
  if (/ past due | overdue | late /.test(text)) {
    // Overdue means past a due date: the records have one even if the person named none.
    const field =
      dates(['due', 'deadline', 'end']) ??
      design.addField(
        entity,
        { name: 'Due Date', type: 'date' },
        design.say('ui', 'Overdue means past its due date'),
      );
    if (field)
      return { entity, filter: { kind: 'date', fieldId: field.id, relation: 'before_today', days: null } };
  }
  const days = numberIn(text);
  if (days !== null && / (next|within|coming) /.test(text)) {
    const field =
      dates([...predicateWords, ...subjectWords, 'due', 'end', 'expir', 'renewal', 'next']) ??
      mainDate(entity);
    if (field)
      return { entity, filter: { kind: 'date', fieldId: field.id, relation: 'within_next_days', days } };
  }
  if (/ expired | has expired | have expired | ended /.test(text)) {
    const field = dates([...predicateWords, 'expir', 'end', 'warranty']) ?? mainDate(entity);
    if (field)
      return { entity, filter: { kind: 'date', fieldId: field.id, relation: 'before_today', days: null } };
  }
  if (/ (today|tonight|now) /.test(text) || /tonight|today/.test(subjectText)) {
    const interval = entity.fields.find(
      (field) => field.type === 'number' && /often|every|interval|frequency|days/i.test(field.name),
    );
    const last =
      entity.fields.find((field) => dateTypes.includes(field.type) && /last/i.test(field.name)) ??
      mainDate(entity);
    if (interval && last && / needs? /.test(text))
      return { entity, filter: { kind: 'intervalDue', dateFieldId: last.id, intervalFieldId: interval.id } };
    const field = mainDate(entity);
    if (field) return { entity, filter: { kind: 'date', fieldId: field.id, relation: 'today', days: null } };
  }
  const negative = / (not|never) (\w+)|unpaid|un(\w+ed)/.exec(text);
  if (negative) {
    const word = (negative[2] ?? negative[3] ?? 'paid').replace(/^un/, '');
    const flag = entity.fields.find(
      (field) => field.type === 'boolean' && field.name.toLowerCase().includes(word),
    );
    if (flag) return { entity, filter: { kind: 'boolean', fieldId: flag.id, value: false } };
  }
  const open = phrase.subject.find((token) => openWords.has(token.word));
  const status = entity.fields.find((field) => field.id === entity.statusFieldId);
  if (open && status && status.options.length > 1) {
    const same = status.options.filter((option) => option.toLowerCase() === open.word);
    const values = same.length > 0 ? same : status.options.slice(0, -1);
    return { entity, filter: { kind: 'choice', fieldId: status.id, values } };
  }
  return { entity, filter: null };
}

/**
 * Filtered lists in the person's words: "a list of invoices that are past due", "Show renewals
 * coming up in the next 60 days", "which tools are out right now", "which classes still have free
 * seats", "plants that need water today", "tonight's reservations as a list", "a table of all
 * open orders". A "list of staff" that names no record yet is a record type.
 */
export function readList(clause: readonly Token[], design: Design): boolean {
  // "a table of all assets and a list of warranties expiring …": each "list of" / "table of" is a view.
  const starts = clause.flatMap((token, index) =>
    index > 0 && (token.word === 'list' || token.word === 'table') && clause[index + 1]?.word === 'of'
      ? [index]
      : [],
  );
  if (starts.length >= 2) {
    let read = false;
    starts.forEach((start, at) => {
      const from = at === 0 ? 0 : start;
      const part = clause.slice(from, starts[at + 1] ?? clause.length);
      if (readOneList(part, design)) read = true;
    });
    return read;
  }
  return readOneList(clause, design);
}

const keepingVerbs = new Set(['keep', 'maintain', 'store', 'have', 'add', 'track']);

/** "keep a list of …", "also add a list of …": a verb of keeping before the list, not of showing. */
function keptList(clause: readonly Token[]): boolean {
  const at = clause.findIndex((token) => token.word === 'list');
  return clause.slice(Math.max(0, at - 4), at).some((token) => keepingVerbs.has(token.word));
}

function readOneList(clause: readonly Token[], design: Design): boolean {
  const phrase = listPhrase(clause);
  if (!phrase) return false;
  const subjectText = surface(
    phrase.subject.filter(
      (token) => !openWords.has(token.word) && !/'s$/.test(token.word) && token.word !== "'s",
    ),
  );
  const subjectWords = phrase.subject.filter(
    (token) =>
      !openWords.has(token.word) && token.word !== 'tonight' && token.word !== 'today' && token.word !== "'s",
  );
  let entity = (subjectText && design.findEntity(surface(subjectWords))) || null;
  const source = design.say('ui', surface(clause));
  if (!entity && phrase.predicate.length === 0 && subjectWords.length > 0) {
    const name = entityNameOf(subjectWords);
    if (!name) return false;
    design.entity(name, design.say('goal', surface(clause)));
    return true;
  }
  entity ??=
    design.blueprint.entities.find((candidate) =>
      phrase.subject.some((token) => fieldNamed(candidate, token.word, dateTypes)),
    ) ?? design.mainEntity();
  if (!entity) return false;
  const { entity: listed, filter } = filterFor(design, entity, phrase);
  // "Also keep a list of staff": a plain list of a record type declares it (its table shows them
  // all); only a condition ("a list of staff who …", "… past due") makes a list view of its own.
  if (!filter && phrase.predicate.length === 0 && phrase.kind === 'list' && keptList(clause)) return true;
  const title = phrase.title || listed.pluralName;
  design.addView({ kind: phrase.kind, title, entity: listed, filter }, source);
  return true;
}
