export { mentionsOffLimits, normalizeDraft, slugify } from './draft-review.ts';
export { assumptionFromSkip, extractFacts, mergeFacts, type NewFact } from './extract-facts.ts';
export { type Decision, decide } from './main-agent.ts';
export { type QuestioningTurnInput, runQuestioningTurn } from './run-questioning-turn.ts';
export { isSkipIntent } from './skip-intent.ts';
export * from './task-schemas.ts';
export {
  coveredTopics,
  type InterviewTopic,
  interviewTopics,
  openTopics,
  readinessFor,
  topicDescriptions,
  topicWeights,
} from './topics.ts';
export * from './turn-contract.ts';
export type { TurnUsage } from './turn-usage.ts';
export { writeQuestion } from './write-question.ts';
