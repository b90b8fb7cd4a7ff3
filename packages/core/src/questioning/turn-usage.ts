import type { ModelUsage } from '../model.ts';

/** One model call's usage as the worker records it (a `usage` event each). */
export interface TurnUsage {
  phase: 'questioning';
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export function toTurnUsage(usage: ModelUsage): TurnUsage {
  return { phase: 'questioning', ...usage };
}
