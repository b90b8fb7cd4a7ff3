import type { JobKind } from '../../job.ts';
import type { FactTopic } from '../../ledger.ts';
import { classifyQuestionTopic } from '../../questioning/question-topic.ts';
import type { ExtractedFact, ExtractFactsInput, ExtractFactsOutput } from '../../questioning/task-schemas.ts';
import { sentences } from '../../text/english.ts';
import { type AppProfile, capitalize, listText, profileFor } from './app-profile.ts';
import { vagueChangeWords } from './lexicon.ts';
import { analyzeText, isConcreteChange, namesRecord, type TextAnalysis } from './text-analysis.ts';

/**
 * Offline fact extraction: states what the message says about each slot, in plain words, and keeps
 * any sentence it cannot place verbatim — so nothing said is lost and nothing unsaid is added.
 */
export function offlineExtractFacts(input: ExtractFactsInput): ExtractFactsOutput {
  const profile = profileFor(input.request, input.knownFacts);
  if (input.message.kind === 'request')
    return { facts: factsFromRequest(input.message.text, input.jobKind, profile) };
  const { question, selectedOptions, text } = input.message;
  const topic = question.topic ?? classifyQuestionTopic(question.text);
  const facts: ExtractedFact[] = [];
  const answer = [...selectedOptions, ...(text ? [text] : [])];
  if (answer.length > 0) facts.push(answerFact(topic, answer, profile));
  if (text) {
    const extra = slotFacts(text, profile).filter((fact) => fact.topic !== topic);
    facts.push(...extra);
  }
  // "Just me" settles sharing too: one person's data has nobody to be shared with.
  if (topic === 'audience' && analyzeText(answer.join('. ')).solo) {
    facts.push({
      kind: 'requirement',
      text: 'Single user: data stays private to that person',
      topic: 'sharing',
    });
  }
  return { facts };
}

function factsFromRequest(request: string, jobKind: JobKind, profile: AppProfile): ExtractedFact[] {
  const [first = request, ...rest] = sentences(request);
  const facts: ExtractedFact[] = [];
  if (jobKind === 'change') {
    const concrete = isConcreteChange(request, vagueChangeWords);
    // The wording matters: topic inference reads "Change requested:" as a settled change.
    facts.push(
      concrete
        ? { kind: 'requirement', text: `Change requested: ${request.trim()}`, topic: 'change' }
        : { kind: 'requirement', text: `Asked for (needs detail): ${request.trim()}`, topic: null },
    );
  } else {
    facts.push({ kind: 'goal', text: capitalize(first.trim()), topic: 'purpose' });
  }
  facts.push(...slotFacts(request, profile));
  if (jobKind === 'create') {
    for (const sentence of rest) {
      if (slotFacts(sentence, profile).length === 0)
        facts.push({ kind: 'requirement', text: sentence, topic: null });
    }
  }
  return facts;
}

/** One fact per slot the text settles (or mentions, with topic null when it does not settle it). */
export function slotFacts(text: string, profile: AppProfile): ExtractedFact[] {
  const analysis = analyzeText(text);
  const { singular, plural } = profile.record;
  const facts: ExtractedFact[] = [];
  const add = (kind: ExtractedFact['kind'], factText: string, topic: FactTopic | null) =>
    facts.push({ kind, text: factText, topic });

  const recordPhrase = namesRecord(text, profile.domain) ?? analysis.records[0];
  if (recordPhrase) add('requirement', `Keeps track of ${recordPhrase}`, 'records');
  if (analysis.audience.length > 0) add('requirement', `Used by ${listText(analysis.audience)}`, 'audience');
  else if (analysis.solo) add('requirement', 'Used by one person for themselves', 'audience');
  addFields(analysis, singular, add);
  if (analysis.workflow.length > 0)
    add('requirement', `Workflow mentions: ${analysis.workflow.join(', ')}`, 'workflow');
  if (analysis.priorities) add('requirement', `${capitalize(plural)} have priorities`, null);
  if (analysis.views.length > 0) {
    add('ui', `Views: ${analysis.views.map((view) => view.word).join(', ')}`, 'views');
  }
  if (analysis.sharing === 'shared')
    add('requirement', 'Data is shared with everyone who uses it', 'sharing');
  if (analysis.sharing === 'private') add('requirement', "Each person's data is private to them", 'sharing');
  return facts;
}

function addFields(
  analysis: TextAnalysis,
  singular: string,
  add: (kind: ExtractedFact['kind'], text: string, topic: FactTopic | null) => void,
) {
  if (analysis.fields.length === 0) return;
  // One detail named is worth keeping, but it does not answer "what should each record capture?".
  if (analysis.fields.length >= 2)
    add('requirement', `Each ${singular} records: ${listText(analysis.fields)}`, 'fields');
  else add('requirement', `Each ${singular} includes ${listText(analysis.fields)}`, null);
}

function answerFact(topic: FactTopic | null, answer: readonly string[], profile: AppProfile): ExtractedFact {
  const { singular, plural } = profile.record;
  const joined = answer.join('; ');
  switch (topic) {
    case 'audience':
      return { kind: 'requirement', text: `Used by: ${joined}`, topic };
    case 'records':
      return { kind: 'requirement', text: `Keeps track of: ${joined}`, topic };
    case 'fields': {
      // Option labels read "Essentials: a, b and c"; the ledger wants just the fields.
      const fields = answer.map((part) => part.replace(/^(essentials|more detail|everything):\s*/i, ''));
      return { kind: 'requirement', text: `Each ${singular} records: ${fields.join('; ')}`, topic };
    }
    case 'workflow':
      return { kind: 'requirement', text: `${capitalize(singular)} statuses: ${joined}`, topic };
    case 'views':
      return { kind: 'ui', text: `Views: ${joined}`, topic };
    case 'sharing':
      return { kind: 'requirement', text: `Sharing of ${plural}: ${joined}`, topic };
    case 'change':
      return { kind: 'requirement', text: `Change: ${joined}`, topic };
    default:
      return { kind: 'requirement', text: joined, topic };
  }
}
