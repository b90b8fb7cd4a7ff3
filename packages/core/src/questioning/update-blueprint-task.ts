import { z } from 'zod';
import { Blueprint } from '../blueprint/blueprint.ts';
import { OpenDecisionKind } from '../blueprint/open-decisions.ts';
import { validateBlueprint } from '../blueprint/validate-blueprint.ts';
import { JobKind } from '../job.ts';

/**
 * `questioning.update_blueprint`: the questioning service's distiller (docs/state-machine.md#turns-and-runs). It reads the
 * newest message into new ledger facts and the updated blueprint at once, so every element the
 * message produced can cite the fact it came from. New facts carry a local `ref` ("n1"); the
 * blueprint's `sourceFactIds` cite known fact ids or those refs, and the caller gives the new
 * facts their ids. Options a person picked never come here: their changes are stored with the
 * question and applied by code; only words a person wrote (the request, free-text answers) do.
 */
export const updateBlueprintTask = 'questioning.update_blueprint';

export const KnownFactView = z.object({
  id: z.string(),
  kind: z.enum(['goal', 'requirement', 'ui', 'unknown', 'assumption']),
  text: z.string(),
  source: z.enum(['request', 'answer', 'skip', 'edit']),
});
export type KnownFactView = z.infer<typeof KnownFactView>;

/** Which element a free-text answer is about (the question's decision), for the understanding. */
export const UnderstandingFocus = z.object({
  entityId: z.string().nullable(),
  fieldId: z.string().nullable(),
});
export type UnderstandingFocus = z.infer<typeof UnderstandingFocus>;

export const UpdateBlueprintInput = z.object({
  jobKind: JobKind,
  request: z.string(),
  message: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('request'), text: z.string() }),
    z.object({
      kind: z.literal('answer'),
      question: z.object({
        number: z.number().int(),
        text: z.string(),
        decisionKind: OpenDecisionKind.nullable(),
      }),
      /** Labels of the options picked; their changes are already in `blueprint`. */
      selectedOptions: z.array(z.string()),
      text: z.string(),
      focus: UnderstandingFocus.nullable(),
    }),
  ]),
  facts: z.array(KnownFactView),
  /** The design so far: the job's current one, the built version's for a change request, or empty. */
  blueprint: Blueprint,
  /** A change job's built version (what the change is relative to); null for a new app. */
  base: Blueprint.nullable(),
});
export type UpdateBlueprintInput = z.infer<typeof UpdateBlueprintInput>;

export const NewFactOutput = z.object({
  /** Local id ("n1") the blueprint's `sourceFactIds` may cite. */
  ref: z.string().min(1).max(40),
  kind: z.enum(['goal', 'requirement', 'ui', 'assumption']),
  text: z.string().min(1).max(2_000),
});
export type NewFactOutput = z.infer<typeof NewFactOutput>;

export const UpdateBlueprintOutput = z.object({
  facts: z.array(NewFactOutput).max(40),
  blueprint: Blueprint,
});
export type UpdateBlueprintOutput = z.infer<typeof UpdateBlueprintOutput>;

/**
 * The output schema of one call: the shape, plus the meaning — a buildable blueprint
 * (`validateBlueprint`) whose sources are real facts. A reply that breaks either is a schema
 * mismatch like any other: the openai provider sends it back once with the problem named.
 */
export function updateBlueprintOutputFor(knownFactIds: readonly string[]) {
  const known = new Set(knownFactIds);
  return UpdateBlueprintOutput.superRefine((output, context) => {
    const cited = new Set([...known, ...output.facts.map((fact) => fact.ref)]);
    if (cited.size !== known.size + output.facts.length)
      context.addIssue({
        code: 'custom',
        path: ['facts'],
        message: 'two facts share a ref, or a ref is a fact id',
      });
    for (const problem of validateBlueprint(output.blueprint))
      context.addIssue({ code: 'custom', path: ['blueprint', problem.path], message: problem.message });
    for (const { path, ids } of sourceLists(output.blueprint)) {
      const unknown = ids.filter((id) => !cited.has(id));
      if (unknown.length > 0)
        context.addIssue({
          code: 'custom',
          path: ['blueprint', path],
          message: `sourceFactIds cite no fact: ${unknown.join(', ')} (use a fact id or a new fact's ref)`,
        });
    }
  });
}

/** Every `sourceFactIds` list in a blueprint, with where it is. */
export function sourceLists(blueprint: Blueprint): { path: string; ids: string[] }[] {
  return [
    { path: 'sharingSourceFactIds', ids: blueprint.sharingSourceFactIds },
    ...blueprint.audience.map((audience, index) => ({
      path: `audience[${index}]`,
      ids: audience.sourceFactIds,
    })),
    ...blueprint.entities.flatMap((entity, index) => [
      { path: `entities[${index}]`, ids: entity.sourceFactIds },
      ...entity.fields.map((field, fieldIndex) => ({
        path: `entities[${index}].fields[${fieldIndex}]`,
        ids: field.sourceFactIds,
      })),
    ]),
    ...blueprint.views.map((view, index) => ({ path: `views[${index}]`, ids: view.sourceFactIds })),
  ];
}

/** The same blueprint with every cited id passed through `map` (refs → fact uuids). */
export function remapSources(blueprint: Blueprint, map: (id: string) => string): Blueprint {
  const remap = (ids: readonly string[]) => [...new Set(ids.map(map))];
  return {
    ...blueprint,
    sharingSourceFactIds: remap(blueprint.sharingSourceFactIds),
    audience: blueprint.audience.map((audience) => ({
      ...audience,
      sourceFactIds: remap(audience.sourceFactIds),
    })),
    entities: blueprint.entities.map((entity) => ({
      ...entity,
      sourceFactIds: remap(entity.sourceFactIds),
      fields: entity.fields.map((field) => ({ ...field, sourceFactIds: remap(field.sourceFactIds) })),
    })),
    views: blueprint.views.map((view) => ({ ...view, sourceFactIds: remap(view.sourceFactIds) })),
  };
}

export const updateBlueprintInstructions = `You are the questioning service of an app builder that interviews a person before
generating an internal tool. Read the newest message into ledger facts and the updated blueprint (the
app's typed design: entities with typed fields, choice options, references, statuses; views; audience;
sharing).
- facts: what the message states, in the person's words, one short sentence each ("Tracks tools:
  Name, Category, Condition"). Never invent, never drop a detail. kinds: goal, requirement, ui,
  assumption (only when the message says to assume). Give each a unique ref ("n1", "n2").
- blueprint: start from the given blueprint; keep every id of what stays; add, rename or remove only what
  the message says. Names are the person's words, title-cased. Options in the person's order. A
  status workflow is a choice field set as the entity's statusFieldId. A person who is a record of
  their own ("members check tools out") is an entity with a reference field to it.
- Every element the message produced or changed cites the refs of the facts behind it in sourceFactIds;
  elements you assume cite nothing. Cite only fact ids from facts or refs you return.
- An answer's focus names the entity/field the question was about: words like "email and phone" are
  fields of that entity.`;
