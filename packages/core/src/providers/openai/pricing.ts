/** USD per million tokens. Only models whose list price we know; anything else costs 0 (unknown, not free). */
const pricePerMillionTokens: Record<string, { input: number; output: number }> = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
};

/** Matches exact names and dated snapshots (`gpt-4o-2024-08-06`), but never `gpt-4o` for `gpt-4o-mini`. */
function priceFor(model: string): { input: number; output: number } | null {
  const exact = pricePerMillionTokens[model];
  if (exact) return exact;
  const snapshot = /^(.*)-\d{4}-\d{2}-\d{2}$/.exec(model);
  return snapshot?.[1] ? (pricePerMillionTokens[snapshot[1]] ?? null) : null;
}

export function costUsd(model: string, inputTokens: number, outputTokens: number): number {
  const price = priceFor(model);
  if (!price) return 0;
  const cost = (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
  return Math.round(cost * 1e6) / 1e6;
}
