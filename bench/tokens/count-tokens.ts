/**
 * The token measure of `tokensPerBuild` (docs/architecture.md#benchmarks): ≈ 4 characters a
 * token, over exactly what the openai provider sends (its system message and its user message
 * with the input as indented JSON, providers/openai/prompt.ts) and what the model returns (the
 * output as JSON). The JSON schema sent as `response_format` is left out on both paths: it is a
 * constant per call, so leaving it out only flatters the path that makes more calls (the old one).
 */
export interface TokenCount {
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export const emptyCount = (): TokenCount => ({ calls: 0, inputTokens: 0, outputTokens: 0 });

const tokensOf = (text: string) => Math.ceil(text.length / 4);

export function countCall(
  count: TokenCount,
  call: { task: string; instructions: string; input: unknown; output: unknown },
): { inputTokens: number; outputTokens: number } {
  const user = `Task: ${call.task}\n\nInput (JSON):\n${JSON.stringify(call.input, null, 2)}\n\nReply with JSON that matches the response schema.`;
  const inputTokens = tokensOf(call.instructions) + tokensOf(user);
  const outputTokens = tokensOf(JSON.stringify(call.output));
  count.calls += 1;
  count.inputTokens += inputTokens;
  count.outputTokens += outputTokens;
  return { inputTokens, outputTokens };
}

export const totalOf = (count: TokenCount) => count.inputTokens + count.outputTokens;
