import type { JobKind } from '../job.ts';
import type { Fact, FactTopic } from '../ledger.ts';
import type { Question } from '../question.ts';

/** The slots a create job fills before building, in order of how much each changes what gets built. */
export const interviewTopics = ['records', 'workflow', 'views', 'fields', 'audience', 'sharing'] as const;
export type InterviewTopic = (typeof interviewTopics)[number];

/** Readiness weights (sum 100): unknown records change everything, unknown sharing little. */
export const topicWeights: Record<InterviewTopic, number> = {
  records: 25,
  workflow: 20,
  views: 15,
  fields: 15,
  audience: 15,
  sharing: 10,
};

export const topicDescriptions: Record<FactTopic, string> = {
  purpose: 'what the app is for',
  audience: 'who will use it',
  records: 'the core records it keeps',
  fields: 'the fields each record has',
  workflow: 'key actions, statuses and workflow',
  views: 'the views people need (table, board, calendar, chart, form)',
  sharing: 'whether data is shared or per user',
  change: 'what should change in the existing app',
};

export function isInterviewTopic(topic: FactTopic | undefined | null): topic is InterviewTopic {
  return (interviewTopics as readonly string[]).includes(topic ?? '');
}

/**
 * Topics the job already knows something decisive about. Unknown facts never cover a topic; a
 * skipped question's assumption does (the user accepted the default).
 */
export function coveredTopics(
  facts: readonly Fact[],
  questions: readonly Pick<Question, 'topic' | 'status'>[] = [],
): Set<FactTopic> {
  const covered = new Set<FactTopic>();
  for (const fact of facts) if (fact.topic && fact.kind !== 'unknown') covered.add(fact.topic);
  for (const question of questions)
    if (question.topic && question.status !== 'open') covered.add(question.topic);
  return covered;
}

export function openTopics(jobKind: JobKind, covered: ReadonlySet<FactTopic>): FactTopic[] {
  if (jobKind === 'change') return covered.has('change') ? [] : ['change'];
  return interviewTopics.filter((topic) => !covered.has(topic));
}

export function readinessFor(jobKind: JobKind, covered: ReadonlySet<FactTopic>): number {
  if (jobKind === 'change') return covered.has('change') ? 100 : 60;
  return interviewTopics.reduce((sum, topic) => sum + (covered.has(topic) ? topicWeights[topic] : 0), 0);
}
