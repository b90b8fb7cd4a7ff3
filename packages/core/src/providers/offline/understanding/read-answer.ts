import type { Design } from './design.ts';
import { readFieldList, segmentsOf, splitOptions } from './field-list.ts';
import { singularize, titleCase } from './inflect.ts';
import { addItems, describeRecords } from './read-declarations.ts';
import { clausesOf, surface, type Token } from './tokens.ts';
import type { UnderstandingFocus } from './understand-text.ts';
import { groupNouns, staffRoles } from './words.ts';

const sentenceVerbs = new Set(['VERB', 'AUX']);
const listComma: Token = { text: ',', word: ',', lemma: ',', pos: 'PUNCT', punct: true };

/** An answer that is only a list ("name, email and phone"; "good, worn or broken"): no verb outside brackets. */
function isBareList(tokens: readonly Token[]): boolean {
  let depth = 0;
  return tokens.every((token) => {
    if (token.word === '(') depth++;
    if (token.word === ')') depth--;
    return depth > 0 || !sentenceVerbs.has(token.pos) || /ed$|ing$/.test(token.word);
  });
}

/**
 * A free-text answer read against the question's focus: options for the field asked about,
 * fields for the record asked about, or who uses the app. False when the answer is a sentence
 * for the request reader.
 */
export function readAnswer(text: string, design: Design, focus: UnderstandingFocus | null): boolean {
  const clauses = clausesOf(text);
  // Options and field names may be participles ("broken", "checked in"): short items are a list too.
  const listLike = (clause: readonly Token[]) =>
    isBareList(clause) || segmentsOf(clause).every((segment) => segment.tokens.length <= 4);
  if (clauses.length === 0 || !clauses.every(listLike)) return false;
  // "name; email; phone": in an answer that is only a list, a semicolon or a full stop separates
  // items as a comma does.
  const tokens = clauses.flatMap((clause, index) => (index === 0 ? clause : [listComma, ...clause]));
  const entity = focus?.entityId
    ? design.blueprint.entities.find((candidate) => candidate.id === focus.entityId)
    : undefined;
  const field = focus?.fieldId
    ? entity?.fields.find((candidate) => candidate.id === focus.fieldId)
    : undefined;
  if (entity && field) {
    const options = splitOptions(tokens);
    if (options.length === 0) return false;
    const source = design.say('requirement', `${field.name}: ${options.join(', ')}`);
    field.options = options;
    if (field.type !== 'multiChoice') field.type = 'choice';
    field.referenceEntityId = null;
    field.range = null;
    field.sourceFactIds = [...new Set([...field.sourceFactIds, source])];
    return true;
  }
  if (entity) {
    const items = readFieldList(tokens);
    if (items.length === 0) return false;
    const source = design.say('requirement', surface(tokens));
    // The assumed Name gives way to what the person listed.
    const assumed = entity.fields.filter(
      (candidate) => candidate.sourceFactIds.length === 0 && candidate.name === 'Name',
    );
    const added = addItems(design, entity, items, source);
    if (!added.some((id) => entity.fields.find((candidate) => candidate.id === id)?.name === 'Name'))
      entity.fields = entity.fields.filter((candidate) => !assumed.includes(candidate));
    const statement = design.statements.find((candidate) => candidate.id === source);
    if (statement) statement.text = describeRecords(entity, added);
    return true;
  }
  // "the front desk team", "dispatchers": who uses it.
  const head = tokens.filter((token) => !token.punct).pop();
  if (head && tokens.length <= 6 && (groupNouns.has(head.word) || staffRoles.has(singularize(head.word)))) {
    const name = titleCase(
      surface(
        tokens.filter((token) => !['the', 'our', 'a', 'an', 'my'].includes(token.word) && !token.punct),
      ),
    );
    design.addAudience(name, design.say('goal', `Used by ${name}`));
    return true;
  }
  return false;
}
