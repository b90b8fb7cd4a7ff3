import type { JobKind } from '../job.ts';
import type { Fact, FactSource, FactTopic } from '../ledger.ts';
import type { Model } from '../model.ts';
import type { Question } from '../question.ts';
import { extractFactsInstructions } from './instructions.ts';
import { ExtractFactsOutput, type FactView, questioningTasks } from './task-schemas.ts';
import type { TurnUsage } from './turn-usage.ts';
import { toTurnUsage } from './turn-usage.ts';
import { factKey, factView, questionTopic, questionView, selectedOptionLabels } from './views.ts';

/** A fact before it gets an id. */
export type NewFact = Omit<Fact, 'id'>;

export interface ExtractionContext {
  model: Model;
  jobKind: JobKind;
  request: string;
  ledger: readonly Fact[];
  existingApp: { facts: FactView[]; files: string[] } | null;
  signal?: AbortSignal;
}

export type NewestMessage =
  | { kind: 'request' }
  | { kind: 'answer'; question: Question; includeText: boolean }
  | { kind: 'skip'; question: Question };

/**
 * The questioning service's distiller: turns the newest message into ledger facts. The model
 * phrases and tags them; the code owns sources, dedupe and the guarantee that nothing said is lost.
 */
export async function extractFacts(
  context: ExtractionContext,
  message: NewestMessage,
): Promise<{ facts: NewFact[]; usage: TurnUsage[] }> {
  if (message.kind === 'skip')
    return { facts: [assumptionFromSkip(message.question, context.ledger)], usage: [] };

  const source: FactSource =
    message.kind === 'request' ? { kind: 'request' } : { kind: 'answer', questionId: message.question.id };
  const answer = message.kind === 'answer' ? answerParts(message.question, message.includeText) : null;
  if (answer && answer.selectedOptions.length === 0 && !answer.text) return { facts: [], usage: [] };

  const { output, usage } = await context.model.call({
    phase: 'questioning',
    task: questioningTasks.extractFacts,
    instructions: extractFactsInstructions,
    input: {
      jobKind: context.jobKind,
      request: context.request,
      message:
        message.kind === 'request'
          ? { kind: 'request', text: context.request }
          : {
              kind: 'answer',
              question: questionView(message.question, context.ledger),
              selectedOptions: answer?.selectedOptions ?? [],
              text: answer?.text ?? null,
            },
      knownFacts: context.ledger.map(factView),
      existingApp: context.existingApp,
    },
    schema: ExtractFactsOutput,
    schemaName: 'extracted_facts',
    signal: context.signal,
  });

  const facts: NewFact[] = output.facts.map((fact) => ({
    kind: fact.kind,
    text: fact.text.trim(),
    source,
    ...(fact.topic ? { topic: fact.topic } : {}),
  }));
  if (facts.length === 0) facts.push(verbatimFact(context, message, answer?.display ?? ''));
  return { facts, usage: [toTurnUsage(usage)] };
}

function answerParts(question: Question, includeText: boolean) {
  const selectedOptions = selectedOptionLabels(question);
  const text = includeText ? question.answer?.text?.trim() || null : null;
  return { selectedOptions, text, display: [...selectedOptions, ...(text ? [text] : [])].join('; ') };
}

/** When a model returns nothing for a message that said something, keep the words themselves. */
function verbatimFact(context: ExtractionContext, message: NewestMessage, answer: string): NewFact {
  if (message.kind === 'request')
    return { kind: 'goal', text: context.request.trim(), source: { kind: 'request' } };
  const question = message.question;
  const topic = questionTopic(question, context.ledger);
  return {
    kind: 'requirement',
    text: `${question.text} — ${answer}`,
    source: { kind: 'answer', questionId: question.id },
    ...(topic ? { topic } : {}),
  };
}

/** A skipped question becomes its stated default, marked as an assumption the user accepted. */
export function assumptionFromSkip(question: Question, ledger: readonly Fact[]): NewFact {
  const topic: FactTopic | null = questionTopic(question, ledger);
  return {
    kind: 'assumption',
    text: question.assumptionIfSkipped,
    source: { kind: 'skip', questionId: question.id },
    ...(topic ? { topic } : {}),
  };
}

/** Appends new facts with fresh ids, skipping any whose text the ledger already holds. */
export function mergeFacts(ledger: readonly Fact[], facts: readonly NewFact[], newId: () => string): Fact[] {
  const seen = new Set(ledger.map((fact) => factKey(fact.text)));
  const merged = [...ledger];
  for (const fact of facts) {
    const key = factKey(fact.text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    merged.push({ ...fact, id: newId() });
  }
  return merged;
}
