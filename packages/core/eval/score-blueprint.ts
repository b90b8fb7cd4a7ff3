import { z } from 'zod';
import type { Blueprint, Field } from '../src/blueprint/blueprint.ts';

/** One case of requests.json / holdout.json (see README.md). */
export const EvalCase = z.object({
  id: z.string(),
  domain: z.string(),
  clarity: z.enum(['well-specified', 'partial', 'vague']),
  prompt: z.string(),
  expect: z.array(z.string()),
  types: z.array(z.tuple([z.string(), z.array(z.string())])).optional(),
  options: z.array(z.tuple([z.string(), z.array(z.string())])).optional(),
  mustNotAsk: z.array(z.string()).optional(),
  entities: z.array(z.string()).optional(),
  views: z.array(z.object({ kind: z.string(), pattern: z.string() })).optional(),
  audience: z.string().optional(),
  vague: z.boolean().optional(),
  note: z.string().optional(),
});
export type EvalCase = z.infer<typeof EvalCase>;
export const EvalFile = z.object({ about: z.string(), cases: z.array(EvalCase) });

/** Hits out of checks, per kind of stated item. */
export interface Tally {
  hit: number;
  total: number;
}

export interface CaseScore {
  id: string;
  expect: Tally;
  types: Tally;
  options: Tally;
  entities: Tally;
  views: Tally;
  audience: Tally;
  /** What was missed, in words, for the report. */
  misses: string[];
}

const pattern = (source: string) => new RegExp(source, 'i');

/**
 * What a score reads: from a blueprint (`designOfBlueprint`) or from what a built app shows
 * (`score-built-app.ts`), so both are scored by the same rules. Field types are null when the
 * design does not name them (a built app shows an input, not a type name): type checks are then
 * not counted at all.
 */
export interface ScoredDesign {
  words: string[];
  fields: { name: string; type: string | null; options: readonly string[] }[];
  typesKnown: boolean;
  entities: { name: string; pluralName: string }[];
  views: { kind: string; title: string }[];
  audience: string[];
}

/**
 * The blueprint's words: entity, field, option and view names, each view's kind ("a board of
 * requests" is kept when there is a board) and the audience — not the app's title.
 */
export function blueprintWords(blueprint: Blueprint): string[] {
  return [
    ...blueprint.entities.flatMap((entity) => [
      entity.name,
      entity.pluralName,
      ...entity.fields.flatMap((field) => [field.name, ...field.options]),
    ]),
    ...blueprint.views.flatMap((view) => [view.title, view.kind]),
    ...blueprint.audience.map((audience) => audience.name),
  ];
}

function allFields(blueprint: Blueprint): Field[] {
  return blueprint.entities.flatMap((entity) => entity.fields);
}

export function designOfBlueprint(blueprint: Blueprint): ScoredDesign {
  return {
    words: blueprintWords(blueprint),
    fields: allFields(blueprint),
    typesKnown: true,
    entities: blueprint.entities,
    views: blueprint.views,
    audience: blueprint.audience.map((entry) => entry.name),
  };
}

/** Scores one blueprint against what its request states. */
export function scoreBlueprint(testCase: EvalCase, blueprint: Blueprint): CaseScore {
  return scoreDesign(testCase, designOfBlueprint(blueprint));
}

/**
 * Scores one design against what its request states. A type or option check looks at the first
 * field (entities in order, fields in order) whose name matches — the same field a person reading
 * the Blueprint tab would look at — so a right type on some other field does not count.
 */
export function scoreDesign(testCase: EvalCase, design: ScoredDesign): CaseScore {
  const misses: string[] = [];
  const { words, fields } = design;
  const tally = <T>(items: readonly T[], check: (item: T) => string | null): Tally => {
    let hit = 0;
    for (const item of items) {
      const miss = check(item);
      if (miss === null) hit++;
      else misses.push(miss);
    }
    return { hit, total: items.length };
  };
  const expect = tally(testCase.expect, (source) =>
    words.some((word) => pattern(source).test(word)) ? null : `expect /${source}/`,
  );
  const types = tally(design.typesKnown ? (testCase.types ?? []) : [], ([source, allowed]) => {
    const field = fields.find((candidate) => pattern(source).test(candidate.name));
    if (!field) return `type /${source}/: no such field`;
    return field.type !== null && allowed.includes(field.type)
      ? null
      : `type /${source}/: ${field.name} is ${field.type}, wanted ${allowed.join('|')}`;
  });
  const options = tally(testCase.options ?? [], ([source, wanted]) => {
    const field =
      fields.find((candidate) => pattern(source).test(candidate.name) && candidate.options.length > 0) ??
      fields.find((candidate) => pattern(source).test(candidate.name));
    if (!field) return `options /${source}/: no such field`;
    const same =
      field.options.length === wanted.length &&
      field.options.every((option, index) => option.toLowerCase() === wanted[index]?.toLowerCase());
    return same
      ? null
      : `options /${source}/: ${field.name} has [${field.options.join(', ')}], wanted [${wanted.join(', ')}]`;
  });
  const entities = tally(testCase.entities ?? [], (source) =>
    design.entities.some(
      (entity) => pattern(source).test(entity.name) || pattern(source).test(entity.pluralName),
    )
      ? null
      : `entity /${source}/`,
  );
  const views = tally(testCase.views ?? [], ({ kind, pattern: source }) =>
    design.views.some((view) => view.kind === kind && pattern(source).test(view.title))
      ? null
      : `view ${kind} /${source}/`,
  );
  const audience = tally(testCase.audience ? [testCase.audience] : [], (source) =>
    design.audience.some((name) => pattern(source).test(name)) ? null : `audience /${source}/`,
  );
  return { id: testCase.id, expect, types, options, entities, views, audience, misses };
}

export function sum(tallies: readonly Tally[]): Tally {
  return tallies.reduce((total, next) => ({ hit: total.hit + next.hit, total: total.total + next.total }), {
    hit: 0,
    total: 0,
  });
}

export function percent(tally: Tally): number {
  return tally.total === 0 ? 100 : Math.round((tally.hit / tally.total) * 1000) / 10;
}
