import type { Model, ModelCallRequest, ModelCallResult, ModelPhase, ModelUsage } from '../model.ts';

/** One scripted reply: an output (checked against the call's schema), an error to throw, or a function of the call. */
export type ScriptedStep =
  | { output: unknown }
  | { error: Error }
  | { respond: (call: RecordedModelCall) => unknown };

export interface RecordedModelCall {
  phase: ModelPhase;
  task: string;
  instructions: string;
  input: unknown;
  schemaName: string;
}

export interface ScriptedModel extends Model {
  /** Every call in order, including those answered by the fallback. */
  readonly calls: RecordedModelCall[];
  /** Queues replies for `task`; each call to that task takes the next one. */
  enqueue(task: string, ...steps: ScriptedStep[]): ScriptedModel;
  callsFor(task: string): RecordedModelCall[];
  /** Steps still queued, per task — a test can assert its script was used up. */
  pending(): Record<string, number>;
}

export interface ScriptedModelOptions {
  name?: string;
  /** Answers tasks with nothing queued (e.g. the offline model); without it such calls throw. */
  fallback?: Model;
  usage?: Omit<ModelUsage, 'model'>;
}

export function createScriptedModel(options: ScriptedModelOptions = {}): ScriptedModel {
  const name = options.name ?? 'scripted:test';
  const queues = new Map<string, ScriptedStep[]>();
  const calls: RecordedModelCall[] = [];
  const usage: ModelUsage = { model: name, inputTokens: 0, outputTokens: 0, costUsd: 0, ...options.usage };

  const model: ScriptedModel = {
    calls,
    describe: () => name,
    enqueue(task, ...steps) {
      queues.set(task, [...(queues.get(task) ?? []), ...steps]);
      return model;
    },
    callsFor: (task) => calls.filter((call) => call.task === task),
    pending: () =>
      Object.fromEntries(
        [...queues].filter(([, steps]) => steps.length > 0).map(([task, steps]) => [task, steps.length]),
      ),
    async call<T>(request: ModelCallRequest<T>): Promise<ModelCallResult<T>> {
      const recorded: RecordedModelCall = {
        phase: request.phase,
        task: request.task,
        instructions: request.instructions,
        input: request.input,
        schemaName: request.schemaName,
      };
      calls.push(recorded);
      const step = queues.get(request.task)?.shift();
      if (!step) {
        if (options.fallback) return options.fallback.call(request);
        throw new Error(`scripted model: nothing queued for task "${request.task}"`);
      }
      if ('error' in step) throw step.error;
      const raw = 'output' in step ? step.output : step.respond(recorded);
      // Parsing keeps scripts honest: a script can't feed the code something a real model couldn't.
      return { output: request.schema.parse(raw), usage: { ...usage } };
    },
  };
  return model;
}
