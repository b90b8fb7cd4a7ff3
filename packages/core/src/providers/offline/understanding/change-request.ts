import type { Design } from './design.ts';
import type { UnderstandingFocus } from './understand-text.ts';

export function readChangeRequest(text: string, _design: Design, _focus: UnderstandingFocus | null): string {
  return text;
}
