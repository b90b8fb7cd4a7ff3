import {
  type Blueprint,
  emptyBlueprint,
  type Model,
  type ModelCallRequest,
  type ModelCallResult,
  noChange,
  questioningTasks,
} from '@app/core';

/**
 * The benchmarks' "instant stub model" (docs/architecture.md#benchmarks): answers the three questioning tasks at once, so a turn costs only
 * our own code, Postgres and the transport. The request and every option (and skip) add one more
 * list that has only a name, so there is always an open decision ("what each Thing N records")
 * and the main agent keeps asking, up to the job's question cap.
 *
 * Not `createScriptedModel`: that records every call forever, which would grow without bound over
 * thousands of turns and skew the worker's memory and GC.
 */
export function createInstantQuestioningModel(): Model {
  const usage = { model: 'bench:instant', inputTokens: 0, outputTokens: 0, costUsd: 0 };
  return {
    describe: () => 'bench:instant',
    async call<T>(request: ModelCallRequest<T>): Promise<ModelCallResult<T>> {
      return { output: request.schema.parse(answer(request)), usage: { ...usage } };
    },
  };
}

function withAnotherList(blueprint: Blueprint): Blueprint {
  const number = blueprint.entities.length + 1;
  const id = `thing-${number}`;
  const name = { id: `${id}-name`, name: 'Name', type: 'text' as const, options: [], required: true };
  const field = { ...name, referenceEntityId: null, range: null, sourceFactIds: [] };
  return {
    ...blueprint,
    entities: [
      ...blueprint.entities,
      {
        id,
        name: `Thing ${number}`,
        pluralName: `Things ${number}`,
        fields: [field],
        statusFieldId: null,
        sourceFactIds: [],
      },
    ],
  };
}

function answer(request: ModelCallRequest<unknown>): unknown {
  switch (request.task) {
    case questioningTasks.updateBlueprint: {
      const { blueprint } = request.input as { blueprint: Blueprint | null };
      return { facts: [], blueprint: withAnotherList(blueprint ?? emptyBlueprint()) };
    }
    case questioningTasks.decide:
      return { action: 'ask_question', reason: 'Benchmark: always ask.' };
    case questioningTasks.writeQuestion: {
      const { decision, blueprint } = request.input as {
        decision: { summary: string };
        blueprint: Blueprint;
      };
      const number = blueprint.entities.length + 1;
      const next = {
        ...noChange,
        entity: {
          name: `Thing ${number}`,
          pluralName: `Things ${number}`,
          fields: [{ name: 'Name', type: 'text' as const, options: [] }],
        },
      };
      return {
        text: `${decision.summary}?`,
        why: 'The benchmark asks about every open decision.',
        kind: 'single',
        options: [
          { label: 'The first choice', recommended: true, change: next },
          { label: 'The second choice', recommended: false, change: next },
        ],
        assumptionIfSkipped: 'The first choice.',
        skipChange: next,
      };
    }
    default:
      throw new Error(`bench model: no answer for task "${request.task}"`);
  }
}
