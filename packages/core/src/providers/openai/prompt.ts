import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

/** The structured input is sent as JSON so the model sees exactly what the offline provider sees. */
export function renderMessages(
  task: string,
  instructions: string,
  input: unknown,
): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: instructions },
    {
      role: 'user',
      content: `Task: ${task}\n\nInput (JSON):\n${JSON.stringify(input, null, 2)}\n\nReply with JSON that matches the response schema.`,
    },
  ];
}

export function correctionMessages(previousContent: string, problem: string): ChatCompletionMessageParam[] {
  return [
    { role: 'assistant', content: previousContent },
    {
      role: 'user',
      content: `That reply was rejected: ${problem}. Reply again with only JSON that matches the response schema exactly.`,
    },
  ];
}
