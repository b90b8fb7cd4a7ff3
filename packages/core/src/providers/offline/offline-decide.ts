import type { DecideInput, DecideOutput } from '../../questioning/task-schemas.ts';
import { readinessFor, topicDescriptions } from '../../questioning/topics.ts';

/** Enough is known once what is missing would change little: only audience or sharing open. */
const proceedThreshold = 80;

export function offlineDecide(input: DecideInput): DecideOutput {
  const covered = new Set(input.coveredTopics);
  const readiness = readinessFor(input.jobKind, covered);
  const next = input.openTopics[0];
  if (!next || readiness >= proceedThreshold || input.questionsRemaining <= 0) {
    return {
      action: 'proceed',
      reason: next
        ? `Enough is known to build; I'll use sensible defaults for ${input.openTopics.map((topic) => topicDescriptions[topic]).join(' and ')}.`
        : 'Everything the build needs is known.',
      readiness,
    };
  }
  return { action: 'ask_question', reason: `Still unknown: ${topicDescriptions[next]}.`, readiness };
}
