export type { Statement } from './design.ts';
export {
  type Understanding,
  type UnderstandingFocus,
  type UnderstandingInput,
  understandText,
} from './understand-text.ts';
