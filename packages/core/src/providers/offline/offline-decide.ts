import type { MainAgentInput, MainAgentOutput } from '../../questioning/task-schemas.ts';

/**
 * Enough is decided once what is open would change little: a well-specified request (the main
 * entity, its fields and its options known) is at or above this, and goes straight to building.
 */
export const proceedReadiness = 80;

export function offlineDecide(input: MainAgentInput): MainAgentOutput {
  const top = input.openDecisions[0];
  if (!top) return { action: 'proceed', reason: 'Everything the build needs is decided.' };
  if (input.questionsRemaining <= 0 || input.readiness >= proceedReadiness) {
    const rest = input.openDecisions.map((decision) => lowerFirst(decision.summary)).join('; ');
    return {
      action: 'proceed',
      reason: `Enough is decided to build; I'll use sensible defaults for ${rest}.`,
    };
  }
  return { action: 'ask_question', reason: `Still open: ${lowerFirst(top.summary)}.` };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
