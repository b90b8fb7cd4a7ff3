import type { Blueprint } from '../../../blueprint/blueprint.ts';
import { type BlueprintChange, diffBlueprint } from '../../../blueprint/diff-blueprint.ts';
import { readChangeRequest } from './change-request.ts';
import { Design, type Statement } from './design.ts';
import { finalizeDesign } from './finalize.ts';
import { readAnswer } from './read-answer.ts';
import { readRequest } from './read-request.ts';

export type { Statement } from './design.ts';

/** Which element a free-text answer is about (the question's decision). */
export interface UnderstandingFocus {
  entityId: string | null;
  fieldId: string | null;
}

export interface UnderstandingInput {
  text: string;
  /** The current blueprint (null for a fresh request). */
  base: Blueprint | null;
  focus: UnderstandingFocus | null;
}

export interface Understanding {
  /** Always valid (`validateBlueprint` finds nothing). */
  blueprint: Blueprint;
  /** What the text said, cited by `sourceFactIds` of the elements it produced. */
  statements: Statement[];
  /** What changed relative to `base` (everything added, for a fresh request). */
  changes: BlueprintChange[];
}

/**
 * The offline model's reading of a request, an answer or a change request (docs/architecture.md#models): real NLP over
 * the person's words into the blueprint, deterministic, with ids kept for what already existed.
 */
export function understandText(input: UnderstandingInput): Understanding {
  const design = new Design(input.base);
  const raw = input.text.slice(0, 20_000);
  // The raw text, line breaks kept: bullets and numbered lines are part of what the person wrote (layout.ts).
  if (input.base === null) readRequest(raw.trim(), design, { setTitle: true });
  else {
    const focusEntity = input.focus?.entityId
      ? (design.blueprint.entities.find((entity) => entity.id === input.focus?.entityId) ?? null)
      : null;
    design.main = focusEntity ?? design.blueprint.entities[0] ?? null;
    const rest = readChangeRequest(raw, design, input.focus);
    if (rest.trim()) {
      if (!readAnswer(rest, design, input.focus))
        readRequest(rest, design, { setTitle: input.base.entities.length === 0 });
    }
  }
  const blueprint = finalizeDesign(design);
  return { blueprint, statements: design.statements, changes: diffBlueprint(input.base, blueprint) };
}
