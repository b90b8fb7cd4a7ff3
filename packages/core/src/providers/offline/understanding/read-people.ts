import type { Design } from './design.ts';
import { singularize, titleCase } from './inflect.ts';
import { nounPhraseAt, withoutOwner } from './noun-phrase.ts';
import { surface, type Token } from './tokens.ts';
import { containerNouns, determiners, groupNouns, staffRoles, userVerbs, vagueNouns } from './words.ts';

/** A role or group of people: "dispatchers", "the finance team", "HR", "our family", "front desk". */
function isPeople(tokens: readonly Token[]): boolean {
  const head = tokens[tokens.length - 1];
  if (!head) return false;
  // "IT" and "HR" are teams when written as acronyms; "it" is a pronoun.
  if (head.word === 'it' || head.word === 'hr') return head.text === head.text.toUpperCase();
  const single = singularize(head.word);
  return (
    staffRoles.has(single) ||
    groupNouns.has(head.word) ||
    groupNouns.has(single) ||
    (actingPlaces.has(head.word) && tokens.length > 0)
  );
}

/** Places named for the people in them: "for the research office", "the kitchen needs a calendar". */
const actingPlaces = new Set(['office', 'kitchen', 'counter']);

/** Words before a subject that open its clause: "Physio clinic — the receptionists … use it". */
const clauseOpeners = new Set(['and', ',', ';', 'but', 'so', ':', 'then', '—', '–', '-']);

function audienceName(tokens: readonly Token[]): string {
  // "our three physios" are the Physios: how many there are is no part of their name.
  const words = withoutOwner(tokens).filter(
    (token, index, all) =>
      (!token.punct || token.word === '-') && !(token.pos === 'NUM' && index < all.length - 1),
  );
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
  readUsersByFrame(clause, design, text);
  readSelfRole(clause, design, text);
  clause.forEach((token, index) => {
    if (token.word !== 'for') return;
    // "for the research office and department heads": each of a coordinated object counts.
    let phrase = nounPhraseAt(clause, index + 1);
    while (phrase && !excludedAfterFor.has(phrase.tokens[0]?.word ?? '')) {
      const owned = withoutOwner(phrase.tokens);
      if (!isPeople(owned)) break;
      design.addAudience(audienceName(phrase.tokens), design.say('goal', text));
      const joiner = clause[phrase.end]?.word;
      phrase = joiner === 'and' || joiner === ',' ? nounPhraseAt(clause, phrase.end + 1) : null;
    }
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

/** Words between a subject and its verb that change nothing about who acts: "Coaches will use this". */
const modalWords = new Set([
  'will',
  'would',
  'should',
  'must',
  'can',
  'could',
  'may',
  'might',
  'shall',
  'both',
  'all',
  'also',
  'each',
  'often',
  'usually',
  'mostly',
  'mainly',
  'always',
  'then',
  'just',
  'only',
  'really',
  'do',
  'does',
]);
/** Postmodifiers of a role: "the nurse in charge", "the engineer on call". */
const rolePostmodifiers = [
  ['in', 'charge'],
  ['on', 'duty'],
  ['on', 'call'],
  ['on', 'shift'],
];
/** What the app itself is called in "use it", "manage the app". */
const appObjects = new Set([
  'it',
  'this',
  'them',
  'these',
  'everything',
  'app',
  'tool',
  'system',
  'application',
]);
/** What a person does with what they see: "need to see", "want to check", "should be able to find". */
const lookingVerbs = new Set([
  'see',
  'view',
  'know',
  'check',
  'find',
  'look',
  'track',
  'approve',
  'review',
  'sign',
  'update',
  'use',
  'access',
  'follow',
  'print',
  'fill',
  'book',
  'plan',
  'monitor',
  'log',
  'record',
  'enter',
  'add',
  'edit',
  'mark',
  'tick',
  'manage',
  'search',
  'filter',
  'spot',
  'keep',
  'get',
  'pull',
  'export',
  'read',
  'pick',
  'choose',
  'select',
]);
/** Acting on the app: "use it", "manages it", "book them", "run it". */
const handlingVerbs = new Set([
  'use',
  'manage',
  'run',
  'maintain',
  'update',
  'fill',
  'book',
  'reserve',
  'register',
  'arrange',
  'schedule',
  'log',
  'record',
  'enter',
  'handle',
  'own',
  'edit',
  'keep',
  'check',
  'review',
  'see',
  'access',
  'share',
  // "Leaders sign them off", "the vet approves them".
  'sign',
  'approve',
]);
/** What one wants to look at: "The bakers want a board by status". */
const viewWords = new Set([
  'board',
  'table',
  'chart',
  'graph',
  'list',
  'calendar',
  'report',
  'overview',
  'dashboard',
  'view',
  'summary',
  'kanban',
  'way',
  'place',
]);
/** Subjects that never name users: the person, the records' words, the app. */
const notUsers = new Set([
  'we',
  'i',
  'you',
  'they',
  'it',
  'this',
  'that',
  'there',
  'everyone',
  'everybody',
  'one',
  'who',
]);

const lemmaOf = (token: Token | undefined): string => (token ? token.lemma || token.word : '');

/** Does the verb at `at` say its subject is someone using the app? */
function userFrameAt(clause: readonly Token[], at: number): boolean {
  const verb = clause[at];
  if (!verb || verb.punct) return false;
  const lemma = lemmaOf(verb);
  const word = verb.word.replace(/s$/, '');
  const is = (set: ReadonlySet<string>) => set.has(lemma) || set.has(word) || set.has(verb.word);
  let next = at + 1;
  while (determiners.has(clause[next]?.word ?? '') && !appObjects.has(clause[next]?.word ?? '')) next++;
  const object = clause[next];
  // "use it", "manages the app", "book them".
  if (is(handlingVerbs) && object && appObjects.has(object.word)) return true;
  // "need to see", "want to check", "would like to know".
  if (['need', 'want', 'like', 'have'].includes(lemma) || ['need', 'want', 'like'].includes(word)) {
    if (clause[at + 1]?.word === 'to' && lookingVerbs.has(lemmaOf(clause[at + 2]))) return true;
    if (lookingVerbs.has(clause[at + 2]?.word ?? '') && clause[at + 1]?.word === 'to') return true;
    // "want a board by status", "need a list of …".
    if (object && viewWords.has(object.word) && lemma !== 'have') return true;
  }
  // "so the engineers can see the week", "the kitchen could check …": a looking verb after can/could.
  // "Instructors should see their own lessons", "the captain will pick …": the same after any modal.
  if (
    is(lookingVerbs) &&
    ['can', 'could', 'should', 'must', 'will', 'would'].includes(clause[at - 1]?.word ?? '')
  )
    return true;
  // "be able to see".
  if (lemma === 'be' || verb.word === 'be') {
    return (
      clause[at + 1]?.word === 'able' &&
      clause[at + 2]?.word === 'to' &&
      lookingVerbs.has(lemmaOf(clause[at + 3]))
    );
  }
  return false;
}

/** The people phrase ending just before `end` ("the front counter", "The nurse in charge"), or null. */
function subjectEndingAt(clause: readonly Token[], end: number): { start: number; tokens: Token[] } | null {
  let stop = end;
  const tail: Token[] = [];
  for (const words of rolePostmodifiers) {
    if (clause[stop - 2]?.word === words[0] && clause[stop - 1]?.word === words[1]) {
      tail.unshift(...clause.slice(stop - 2, stop));
      stop -= 2;
      break;
    }
  }
  // "Staff on the jetty", "the nurses at the front desk": where they are is no part of who they are.
  const place = placePhraseEndingAt(clause, stop);
  if (place !== null && tail.length === 0) stop = place;
  let start = stop;
  while (start > 0) {
    const token = clause[start - 1] as Token;
    const nounLike =
      ['NOUN', 'PROPN', 'ADJ', 'NUM'].includes(token.pos) || token.word === "'s" || token.word === '-';
    // The tagger reads some compounds' last word as a verb ("the front counter").
    const misread =
      token.pos === 'VERB' &&
      start === stop &&
      ['NOUN', 'ADJ', 'PROPN'].includes(clause[start - 2]?.pos ?? '');
    if ((nounLike || misread) && !determiners.has(token.word) && !notUsers.has(token.word)) start--;
    else break;
  }
  if (start === stop) return null;
  const tokens = [...clause.slice(start, stop), ...tail];
  return { start, tokens };
}

const placePrepositions = new Set(['on', 'at', 'in', 'from']);

/** The start of "on the jetty" ending at `end`, when a noun comes before it; else null. */
function placePhraseEndingAt(clause: readonly Token[], end: number): number | null {
  let at = end;
  while (at > 0 && ['NOUN', 'PROPN', 'ADJ'].includes(clause[at - 1]?.pos ?? '')) at--;
  if (at === end) return null;
  if (['the', 'a', 'our', 'their'].includes(clause[at - 1]?.word ?? '')) at--;
  const preposition = clause[at - 1];
  if (!preposition || !placePrepositions.has(preposition.word)) return null;
  const before = clause[at - 2];
  return before && ['NOUN', 'PROPN'].includes(before.pos) ? at - 1 : null;
}

/**
 * Who uses the app, read from how they are said to use it whatever their title: "Partners need to
 * see …", "The parish office manages it", "The bakers want a board by status", "Coaches will use
 * this", "Supervisors should be able to see …", "The mechanics and the front counter both use it".
 * The subject opens the clause (or follows "and" / a comma); each of a coordinated subject counts.
 */
function readUsersByFrame(clause: readonly Token[], design: Design, text: string): void {
  for (let at = 1; at < clause.length; at++) {
    if (!userFrameAt(clause, at)) continue;
    let end = at;
    while (end > 0 && modalWords.has(clause[end - 1]?.word ?? '') && clause[end - 1]?.pos !== 'NOUN') end--;
    // "should be able to": the modal before "be".
    const subjects: Token[][] = [];
    let cursor = end;
    for (;;) {
      const subject = subjectEndingAt(clause, cursor);
      if (!subject) break;
      subjects.unshift(subject.tokens);
      let before = subject.start;
      while (before > 0 && determiners.has(clause[before - 1]?.word ?? '')) before--;
      const joiner = clause[before - 1]?.word;
      if ((joiner === 'and' || joiner === ',' || joiner === 'or') && before > 1) {
        cursor = before - 1;
        if (clause[cursor - 1]?.word === ',') cursor--;
        continue;
      }
      // The subject opens the clause or a conjoined one.
      // "… on a calendar and the office wants a chart": "a calendar" is no subject, but the "and"
      // before "the office" opened a clause of its own, so the subjects after it stand.
      if (before !== 0 && !clauseOpeners.has(joiner ?? '')) subjects.shift();
      break;
    }
    for (const tokens of subjects) {
      const head = tokens
        .filter((token) => !rolePostmodifiers.some((words) => words.includes(token.word)))
        .pop();
      if (!head) continue;
      // A record the person described ("Tools: …") is no user; one made from this very clause is.
      const found = design.findEntityExactly(singularize(head.word));
      const known = found?.fields.some((field) => field.sourceFactIds.length > 0) ? found : null;
      const people = isPeople([head]);
      if (
        !people &&
        (known || vagueNouns.has(head.word) || containerNouns.has(head.word) || appObjects.has(head.word))
      )
        continue;
      design.addAudience(audienceName(tokens), design.say('goal', text));
    }
  }
}

/** "just for me as stage manager", "I'm the club treasurer": the person's own role is the audience. */
function readSelfRole(clause: readonly Token[], design: Design, text: string): void {
  clause.forEach((token, index) => {
    const asRole = token.word === 'as' && ['me', 'myself', 'i'].includes(clause[index - 1]?.word ?? '');
    const iAm =
      (token.word === "i'm" || (token.word === 'am' && clause[index - 1]?.word === 'i')) &&
      ['the', 'a', 'an'].includes(clause[index + 1]?.word ?? '');
    if (!asRole && !iAm) return;
    const phrase = nounPhraseAt(clause, index + 1);
    if (phrase && isPeople(phrase.tokens))
      design.addAudience(audienceName(phrase.tokens), design.say('goal', text));
  });
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
// "my bike shop", "my dog walking business": the organisation may be qualified.
const organisations =
  /\bmy (?:(?!(?:for|in|of|the|at|to|and|with|from|on)\b)[\w'-]+ ){0,3}(business|shop|company|team|club|restaurant|bakery|classroom|school|clinic|studio|office|store|firm|practice|agency|lab|staff|employees|cafe|café|salon|gym|church|charity|nonprofit|organisation|organization|department|class|students|customers|clients|volunteers|band|choir)\b/;

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
  // "my bike shop … The mechanics and the front counter both use it": the people named use it too.
  const users = design.blueprint.audience[0];
  if (users) {
    design.setSharing(
      'shared',
      design.say('requirement', `Shared with the people who use it (${users.name})`),
    );
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
