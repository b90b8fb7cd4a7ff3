import type { Blueprint } from '../../blueprint/blueprint.ts';
import { validateBlueprint } from '../../blueprint/validate-blueprint.ts';
import type { UpdateBlueprintInput, UpdateBlueprintOutput } from '../../questioning/task-schemas.ts';
import { remapSources } from '../../questioning/update-blueprint-task.ts';

/** The understanding module's entry point (`understanding/`), as this handler uses it. */
export type Understand = (input: {
  text: string;
  base: Blueprint | null;
  focus: { entityId: string | null; fieldId: string | null } | null;
}) => {
  blueprint: Blueprint;
  statements: { id: string; kind: 'goal' | 'requirement' | 'ui' | 'assumption'; text: string }[];
};

/**
 * Offline `questioning.update_blueprint`: the understanding module reads the words (a new app's
 * request fresh, a change request or a free-text answer against the design so far, an answer with
 * its question's focus); its statements become the new facts, cited by their local ids.
 *
 * Defensive on purpose: a citation of no statement or fact is dropped, and a design the validator
 * rejects is not returned (the turn keeps the design it had, plus the facts) — one misread
 * sentence must not fail the whole turn.
 */
export function offlineUpdateBlueprint(
  input: UpdateBlueprintInput,
  understand: Understand,
): UpdateBlueprintOutput {
  const message = input.message;
  const base =
    message.kind === 'request'
      ? input.jobKind === 'change'
        ? (input.base ?? input.blueprint)
        : null
      : input.blueprint;
  const understanding = understand({
    text: message.text,
    base,
    focus: message.kind === 'answer' ? message.focus : null,
  });
  const facts = understanding.statements
    .filter((statement) => statement.text.trim())
    .map((statement) => ({ ref: statement.id, kind: statement.kind, text: statement.text.trim() }));
  const citable = new Set([...input.facts.map((fact) => fact.id), ...facts.map((fact) => fact.ref)]);
  const cited = dropCitations(understanding.blueprint, citable);
  const blueprint = validateBlueprint(cited).length === 0 ? cited : input.blueprint;
  return { facts, blueprint };
}

function dropCitations(blueprint: Blueprint, citable: ReadonlySet<string>): Blueprint {
  const dropped = '\u0000dropped';
  const remapped = remapSources(blueprint, (id) => (citable.has(id) ? id : dropped));
  const clean = (ids: string[]) => ids.filter((id) => id !== dropped);
  return {
    ...remapped,
    sharingSourceFactIds: clean(remapped.sharingSourceFactIds),
    audience: remapped.audience.map((audience) => ({
      ...audience,
      sourceFactIds: clean(audience.sourceFactIds),
    })),
    entities: remapped.entities.map((entity) => ({
      ...entity,
      sourceFactIds: clean(entity.sourceFactIds),
      fields: entity.fields.map((field) => ({ ...field, sourceFactIds: clean(field.sourceFactIds) })),
    })),
    views: remapped.views.map((view) => ({ ...view, sourceFactIds: clean(view.sourceFactIds) })),
  };
}
