import type { Design } from './design.ts';
import { singularize, titleCase } from './inflect.ts';
import { nounPhraseAt, withoutOwner } from './noun-phrase.ts';
import { surface, type Token } from './tokens.ts';
import { groupNouns, staffRoles, userVerbs } from './words.ts';

/** A role or group of people: "dispatchers", "the finance team", "HR", "our family", "front desk". */
function isPeople(tokens: readonly Token[]): boolean {
  const head = tokens[tokens.length - 1];
  if (!head) return false;
  // "IT" and "HR" are teams when written as acronyms; "it" is a pronoun.
  if (head.word === 'it' || head.word === 'hr') return head.text === head.text.toUpperCase();
  const single = singularize(head.word);
  return staffRoles.has(single) || groupNouns.has(head.word) || groupNouns.has(single);
}

function audienceName(tokens: readonly Token[]): string {
  const words = withoutOwner(tokens).filter((token) => !token.punct || token.word === '-');
  return titleCase(surface(words));
}

const excludedAfterFor = new Set(['me', 'myself', 'us', 'insurance', 'everyone']);

/**
 * Who uses the app: people a verb of using has as its subject ("Our dispatchers need…",
 * "Managers approve…", "Support agents want…"), and people the app is for ("for the finance
 * team", "for HR", "for our clinic's receptionists", "for the board").
 */
export function readAudience(clause: readonly Token[], design: Design): void {
  const text = surface(clause);
  clause.forEach((token, index) => {
    if (token.word !== 'for') return;
    const phrase = nounPhraseAt(clause, index + 1);
    if (!phrase || excludedAfterFor.has(phrase.tokens[0]?.word ?? '')) return;
    const owned = withoutOwner(phrase.tokens);
    if (isPeople(owned)) design.addAudience(audienceName(phrase.tokens), design.say('goal', text));
  });
  clause.forEach((token, index) => {
    // "booked by researchers": the people who do it use the app; "our team" is whom it is for.
    const after =
      token.word === 'by' || (token.word === 'our' && clause[index + 2]?.word !== "'s")
        ? nounPhraseAt(clause, token.word === 'our' ? index : index + 1)
        : null;
    const head = after?.tokens[after.tokens.length - 1];
    if (!after || !head) return;
    const plural = singularize(head.word) !== head.word || groupNouns.has(head.word);
    const team = ['team', 'staff', 'family', 'department', 'crew', 'household'].includes(head.word);
    if (plural && isPeople(after.tokens) && (token.word === 'by' || team))
      design.addAudience(audienceName(after.tokens), design.say('goal', text));
  });
  for (let index = 0; index < clause.length; index++) {
    const phrase = nounPhraseAt(clause, index);
    if (!phrase) continue;
    const verb = clause[phrase.end];
    const startsClause =
      index === 0 ||
      ['our', 'the', 'their', 'and', ':', ',', 'my', 'we'].includes(clause[index - 1]?.word ?? '') ||
      clause.slice(0, index).every((token) => ['our', 'the', 'my'].includes(token.word));
    const verbWord = verb ? verb.lemma || verb.word : '';
    const each = ['each', 'every'].includes(clause[phrase.start - 1]?.word ?? '');
    if (
      startsClause &&
      !each &&
      verb &&
      (userVerbs.has(verbWord) || userVerbs.has(verb.word.replace(/s$/, ''))) &&
      isPeople(phrase.tokens)
    ) {
      const head = phrase.tokens[phrase.tokens.length - 1] as Token;
      // "their manager approves": one person per record (a field), not the app's users.
      if (
        clause[phrase.start - 1]?.word === 'their' &&
        singularize(head.word) === head.word &&
        !groupNouns.has(head.word)
      )
        continue;
      design.addAudience(audienceName(phrase.tokens), design.say('goal', text));
    }
    index = phrase.end - 1;
  }
}

const privateCues = [
  /\bjust for me\b/,
  /\bonly for me\b/,
  /\bfor myself\b/,
  /\bjust me\b/,
  /\bonly me\b/,
  /\bonly i\b/,
  /\bpersonal\b/,
  /\bprivate\b/,
  /\bmy own\b/,
];
const sharedCues = /\b(our|we|us|we're|we've|team|everyone|everybody|colleagues)\b/;
const organisations =
  /\bmy (business|shop|company|team|club|restaurant|bakery|classroom|school|clinic|studio|office|store|firm|practice|agency|lab|staff|employees|cafe|café|salon|gym|church|charity|nonprofit|organisation|organization|department|class|students|customers|clients|volunteers|band|choir)\b/;

/** Private when the person says it is theirs alone ("just for me"), shared when it is "ours". */
export function readSharing(text: string, design: Design): void {
  const lower = ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;
  const cue = privateCues.map((pattern) => pattern.exec(lower)?.[0]).find(Boolean);
  if (cue) {
    design.setSharing(
      'private',
      design.say('requirement', `Private: only for the person who asked ("${cue}")`),
    );
    return;
  }
  const shared = sharedCues.exec(lower)?.[0];
  if (shared) {
    design.setSharing('shared', design.say('requirement', `Shared with the people it is for ("${shared}")`));
    return;
  }
  // "my running", "my flats": the person's own things. "Help me" says nothing about who else uses it.
  const solo = /\bmy\b/.exec(lower)?.[0];
  if (solo && !organisations.test(lower))
    design.setSharing(
      'private',
      design.say('requirement', `Private: only for the person who asked ("${solo}")`),
    );
}
