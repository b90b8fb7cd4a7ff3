import type { Extensions } from '../extensions';

/**
 * Custom code registers here (docs/architecture.md#generated-apps). The compiled app starts with
 * none; an LLM provider may replace this file and add others under src/custom/.
 */
export const extensions: Extensions = {};
