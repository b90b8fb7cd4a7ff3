import { type Model, type ModelCallRequest, type ModelCallResult, questioningTasks } from '@app/core';

/**
 * The benchmarks' "instant stub model" (docs/architecture.md#benchmarks): answers the three questioning tasks at once, so a turn costs only
 * our own code, Postgres and the transport. Extraction finds nothing, so every interview topic stays
 * open and the main agent keeps asking (one question per topic, up to the job's question cap); the
 * question is about the first open topic, which the draft review accepts.
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

function answer(request: ModelCallRequest<unknown>): unknown {
  switch (request.task) {
    case questioningTasks.extractFacts:
      return { facts: [] };
    case questioningTasks.decide:
      return { action: 'ask_question', reason: 'Benchmark: always ask.', readiness: 50 };
    case questioningTasks.writeQuestion: {
      const { openTopics } = request.input as { openTopics: string[] };
      const topic = openTopics[0] ?? 'records';
      return {
        topic,
        text: `Which ${topic} matter most to you?`,
        why: 'The benchmark asks one question per topic.',
        kind: 'single',
        options: [
          { label: 'The first choice', recommended: true },
          { label: 'The second choice', recommended: false },
        ],
        assumptionIfSkipped: 'The first choice.',
      };
    }
    default:
      throw new Error(`bench model: no answer for task "${request.task}"`);
  }
}
