import type { Blueprint } from '../blueprint/blueprint.ts';
import type { OpenDecisionKind } from '../blueprint/open-decisions.ts';
import type { JobKind } from '../job.ts';
import type { Fact, FactSource, FactTopic } from '../ledger.ts';
import type { Model } from '../model.ts';
import type { Question } from '../question.ts';
import { applyDecisionChange, type QuestionDecision } from './decision-change.ts';
import { type TurnUsage, toTurnUsage } from './turn-usage.ts';
import {
  remapSources,
  type UpdateBlueprintInput,
  updateBlueprintInstructions,
  updateBlueprintOutputFor,
  updateBlueprintTask,
} from './update-blueprint-task.ts';
import { factKey, selectedOptionLabels } from './views.ts';

export interface BlueprintUpdateContext {
  model: Model;
  newId: () => string;
  jobKind: JobKind;
  request: string;
  ledger: readonly Fact[];
  blueprint: Blueprint;
  base: Blueprint | null;
  signal?: AbortSignal;
}

export interface BlueprintUpdate {
  /** The ledger with this message's facts appended (each with its id). */
  ledger: Fact[];
  blueprint: Blueprint;
  usage: TurnUsage[];
}

/** The topic a question about this kind of decision settles (kept on facts and questions for the ledger view). */
export const decisionTopics: Record<OpenDecisionKind, FactTopic> = {
  records: 'records',
  change: 'change',
  entity_fields: 'fields',
  choice_options: 'workflow',
  relation: 'fields',
  date_view: 'views',
  audience: 'audience',
  sharing: 'sharing',
};

/** The request (a new app's, or a change's against the built blueprint) read into facts and the design. */
export async function absorbRequest(context: BlueprintUpdateContext): Promise<BlueprintUpdate> {
  const understood = await understand(
    context,
    { kind: 'request', text: context.request },
    { kind: 'request' },
  );
  if (understood.ledger.length > context.ledger.length || !context.request.trim()) return understood;
  // Nothing understood: the request itself is the goal, so nothing said is lost.
  const goal = newFact(understood.ledger, context.newId, {
    kind: 'goal',
    text: context.request.trim(),
    source: { kind: 'request' },
  });
  return { ...understood, ledger: goal.ledger };
}

/**
 * An answer: the picked options' stored changes are applied by code (deterministic), citing one
 * answer fact; free text is read by the model with the question's decision as its focus.
 */
export async function absorbAnswer(
  context: BlueprintUpdateContext,
  question: Question,
  decision: QuestionDecision | null,
  includeText: boolean,
): Promise<BlueprintUpdate> {
  const source: FactSource = { kind: 'answer', questionId: question.id };
  const topic = decision ? decisionTopics[decision.kind] : question.topic;
  const labels = selectedOptionLabels(question);
  let ledger = [...context.ledger];
  let blueprint = context.blueprint;
  if (labels.length > 0) {
    const lead = decision?.summary ?? question.text.replace(/\?$/, '');
    const fact = newFact(ledger, context.newId, {
      kind: 'requirement',
      text: `${lead}: ${labels.join('; ')}`,
      source,
      ...(topic ? { topic } : {}),
    });
    ledger = fact.ledger;
    if (decision) {
      const chosen = new Set(question.answer?.optionIds ?? []);
      for (const option of decision.options) {
        if (chosen.has(option.optionId))
          blueprint = applyDecisionChange(blueprint, decision, option.change, fact.id);
      }
    }
  }
  const text = includeText ? question.answer?.text?.trim() : '';
  if (!text) return { ledger, blueprint, usage: [] };
  const understood = await understand(
    { ...context, ledger, blueprint },
    {
      kind: 'answer',
      question: { number: question.number, text: question.text, decisionKind: decision?.kind ?? null },
      selectedOptions: labels,
      text,
      focus: decision ? { entityId: decision.entityId, fieldId: decision.fieldId } : null,
    },
    source,
  );
  // "What should it keep a list of?" answered with words that name nothing: its default applies
  // (citing the answer), so the build has something to show and the question is not asked again.
  if (decision?.kind === 'records' && understood.blueprint.entities.length === 0) {
    const said = newFact(understood.ledger, context.newId, {
      kind: 'assumption',
      text: question.assumptionIfSkipped,
      source,
      ...(topic ? { topic } : {}),
    });
    return {
      ...understood,
      ledger: said.ledger,
      blueprint: applyDecisionChange(understood.blueprint, decision, decision.skip, said.id),
    };
  }
  // Nothing understood from words a person wrote: keep the words themselves, nothing is lost.
  if (understood.ledger.length === ledger.length) {
    const fact = newFact(understood.ledger, context.newId, {
      kind: 'requirement',
      text: `${question.text} — ${text}`,
      source,
      ...(topic ? { topic } : {}),
    });
    return { ...understood, ledger: fact.ledger };
  }
  return understood;
}

/** A skip: the question's stated default becomes an assumption fact and its stored change is applied. */
export function absorbSkip(
  context: Pick<BlueprintUpdateContext, 'newId' | 'ledger' | 'blueprint'>,
  question: Question,
  decision: QuestionDecision | null,
): { ledger: Fact[]; blueprint: Blueprint } {
  const topic = decision ? decisionTopics[decision.kind] : question.topic;
  const fact = newFact(context.ledger, context.newId, {
    kind: 'assumption',
    text: question.assumptionIfSkipped,
    source: { kind: 'skip', questionId: question.id },
    ...(topic ? { topic } : {}),
  });
  const blueprint = decision
    ? applyDecisionChange(context.blueprint, decision, decision.skip, fact.id)
    : context.blueprint;
  return { ledger: fact.ledger, blueprint };
}

async function understand(
  context: BlueprintUpdateContext,
  message: UpdateBlueprintInput['message'],
  source: FactSource,
): Promise<BlueprintUpdate> {
  const input: UpdateBlueprintInput = {
    jobKind: context.jobKind,
    request: context.request,
    message,
    facts: context.ledger.map((fact) => ({
      id: fact.id,
      kind: fact.kind,
      text: fact.text,
      source: fact.source.kind,
    })),
    blueprint: context.blueprint,
    base: context.base,
  };
  const { output, usage } = await context.model.call({
    phase: 'questioning',
    task: updateBlueprintTask,
    instructions: updateBlueprintInstructions,
    input,
    schema: updateBlueprintOutputFor(context.ledger.map((fact) => fact.id)),
    schemaName: 'blueprint_update',
    signal: context.signal,
  });
  // New facts get their ids here; one the ledger already holds (same words) is cited by its old id.
  let ledger = [...context.ledger];
  const idOfRef = new Map<string, string>();
  for (const fact of output.facts) {
    const added = newFact(ledger, context.newId, { kind: fact.kind, text: fact.text.trim(), source });
    ledger = added.ledger;
    idOfRef.set(fact.ref, added.id);
  }
  const blueprint = remapSources(output.blueprint, (id) => idOfRef.get(id) ?? id);
  return { ledger, blueprint, usage: [toTurnUsage(usage)] };
}

/** Appends a fact with a fresh id, or returns the id of the one with the same words. */
function newFact(
  ledger: readonly Fact[],
  newId: () => string,
  fact: Omit<Fact, 'id'>,
): { ledger: Fact[]; id: string } {
  const key = factKey(fact.text);
  const existing = ledger.find((candidate) => factKey(candidate.text) === key);
  if (existing) return { ledger: [...ledger], id: existing.id };
  const id = newId();
  return { ledger: [...ledger, { ...fact, id }], id };
}
