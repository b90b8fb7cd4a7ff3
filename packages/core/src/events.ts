import { z } from 'zod';
import { Blueprint } from './blueprint/blueprint.ts';
import { JobPhase } from './job.ts';
import { Fact } from './ledger.ts';
import { capMessage, maxMessageLength, safeMessage } from './message-cap.ts';
import { Question } from './question.ts';

export { capMessage, maxMessageLength, redactSecrets, safeMessage } from './message-cap.ts';

/**
 * A message from outside our control (compiler, generated app, model, driver): ≈ 2 KB at most
 * (docs/architecture.md#shapes). `event()` scrubs and caps it when the event is built; parsing caps again, so a row
 * stored before the cap still reads and nothing longer ever leaves this schema.
 */
const Message = z
  .string()
  .transform((text) => capMessage(text))
  .pipe(z.string().max(maxMessageLength));

const Problem = z.object({
  path: z.string(),
  line: z.number().int().nullable(),
  message: Message,
  source: z.enum(['bundle', 'types', 'render', 'check']),
});
export type Problem = z.infer<typeof Problem>;
export { Problem };

/** `Check`: one verification check's outcome, as the harness (never the app) decided it. */
const Check = z.object({
  id: z.string(),
  title: z.string(),
  ok: z.boolean(),
  detail: Message,
});
export type Check = z.infer<typeof Check>;
export { Check };

export const PlanStep = z.object({
  index: z.number().int().nonnegative(),
  title: z.string(),
  phase: z.enum(['scaffold', 'logic', 'styling', 'polish']),
  files: z.array(z.string()),
});
export type PlanStep = z.infer<typeof PlanStep>;

/**
 * Every event type and its payload (docs/architecture.md#shapes, docs/state-machine.md#transitions). The event log stores `data` as jsonb; anything read
 * back crosses this schema, so old rows and new code agree on shapes.
 */
export const eventDataSchemas = {
  questioning_started: z.object({ request: z.string() }),
  question_asked: z.object({ question: Question }),
  answer_received: z.object({
    questionId: z.string().uuid(),
    optionIds: z.array(z.string()),
    text: z.string().nullable(),
  }),
  question_skipped: z.object({ questionId: z.string().uuid(), assumption: z.string() }),
  ledger_updated: z.object({ ledger: z.array(Fact), readiness: z.number().int().min(0).max(100) }),
  /** After every turn and every `jobs.updateBlueprint`: the whole design, not a diff (replay-safe). */
  blueprint_updated: z.object({ blueprint: Blueprint, readiness: z.number().int().min(0).max(100) }),
  questioning_complete: z.object({
    ledger: z.array(Fact),
    questionCount: z.number().int().nonnegative(),
    reason: z.enum(['enough_information', 'skipped', 'question_limit']),
  }),
  generation_started: z.object({}),
  plan_created: z.object({ steps: z.array(PlanStep) }),
  step_started: z.object({ index: z.number().int().nonnegative() }),
  step_completed: z.object({ index: z.number().int().nonnegative() }),
  file_written: z.object({ path: z.string(), content: z.string() }),
  // `checks` defaults to [] so events stored before verification ran checks still parse.
  validation_finished: z.object({
    ok: z.boolean(),
    problems: z.array(Problem),
    checks: z.array(Check).default([]),
  }),
  fix_started: z.object({ attempt: z.number().int().positive(), problems: z.array(Problem) }),
  version_created: z.object({ versionId: z.string().uuid(), number: z.number().int().positive() }),
  preview_ready: z.object({ versionId: z.string().uuid(), url: z.string() }),
  usage: z.object({
    phase: z.string(),
    model: z.string(),
    inputTokens: z.number().int().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    costUsd: z.number().nonnegative(),
  }),
  job_failed: z.object({ message: Message, retryable: z.boolean() }),
  /** `jobs.retry` committed: `phase` failed and runs again. */
  job_retried: z.object({ phase: JobPhase }),
  job_cancelled: z.object({}),
  done: z.object({ status: z.enum(['complete', 'failed', 'cancelled']) }),
} as const;

type EventDataSchemas = typeof eventDataSchemas;
export type EventType = keyof EventDataSchemas;
export const eventTypes = Object.keys(eventDataSchemas) as EventType[];

export type EventData<T extends EventType> = z.infer<EventDataSchemas[T]>;

/** An event before it has a place in the log. */
export type NewEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

/** An event as stored and streamed: `seq` is the per-job, gapless position (1, 2, 3 …). */
export type JobEvent = {
  [T in EventType]: { seq: number; type: T; at: string; data: EventData<T> };
}[EventType];

const eventSchemas = eventTypes.map((type) =>
  z.object({
    seq: z.number().int().positive(),
    type: z.literal(type),
    at: z.string(),
    data: eventDataSchemas[type],
  }),
);

export const JobEventSchema = z.discriminatedUnion(
  'type',
  eventSchemas as unknown as [(typeof eventSchemas)[number], ...(typeof eventSchemas)[number][]],
) as unknown as z.ZodType<JobEvent>;

/** Builds a typed event; keeps call sites short and checked. */
export function event<T extends EventType>(type: T, data: EventData<T>): NewEvent {
  return { type, data: withSafeMessages(type, data) } as NewEvent;
}

/**
 * Every event is built here, so this is where messages are scrubbed and capped before they are
 * stored or streamed: problems, check details and job failures.
 */
function withSafeMessages<T extends EventType>(type: T, data: EventData<T>): EventData<T> {
  const problems = (list: readonly Problem[]) =>
    list.map((problem) => ({ ...problem, message: safeMessage(problem.message) }));
  switch (type) {
    case 'validation_finished': {
      const verdict = data as EventData<'validation_finished'>;
      return {
        ...verdict,
        problems: problems(verdict.problems),
        checks: verdict.checks.map((check) => ({ ...check, detail: safeMessage(check.detail) })),
      } as EventData<T>;
    }
    case 'fix_started': {
      const fix = data as EventData<'fix_started'>;
      return { ...fix, problems: problems(fix.problems) } as EventData<T>;
    }
    case 'job_failed': {
      const failure = data as EventData<'job_failed'>;
      return { ...failure, message: safeMessage(failure.message) } as EventData<T>;
    }
    default:
      return data;
  }
}

export function parseEventData(type: string, data: unknown): NewEvent {
  if (!(type in eventDataSchemas)) throw new Error(`unknown event type "${type}"`);
  const eventType = type as EventType;
  return { type: eventType, data: eventDataSchemas[eventType].parse(data) } as NewEvent;
}
