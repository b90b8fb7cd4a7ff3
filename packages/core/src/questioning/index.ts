export * from './decision-change.ts';
export { mentionsOffLimits, normalizeCard, slugify } from './draft-review.ts';
export { type Decision, decide } from './main-agent.ts';
export { askedDecisionIds, type QuestioningTurnInput, runQuestioningTurn } from './run-questioning-turn.ts';
export { isSkipIntent } from './skip-intent.ts';
export * from './task-schemas.ts';
export * from './turn-contract.ts';
export type { TurnUsage } from './turn-usage.ts';
export {
  absorbAnswer,
  absorbRequest,
  absorbSkip,
  decisionTopics,
} from './update-blueprint.ts';
export { remapSources, sourceLists, updateBlueprintOutputFor } from './update-blueprint-task.ts';
export { type WrittenQuestion, writeQuestion } from './write-question.ts';
