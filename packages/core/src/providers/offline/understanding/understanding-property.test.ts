import { describe, expect, it } from 'vitest';
import { loadCases } from '../../../../eval/run-eval.ts';
import { Blueprint } from '../../../blueprint/blueprint.ts';
import { validateBlueprint } from '../../../blueprint/validate-blueprint.ts';
import { type Understanding, understandText } from './understand-text.ts';

const prompts = [
  ...loadCases('requests.json'),
  ...loadCases('holdout.json'),
  ...loadCases('holdout-2.json'),
].map((testCase) => testCase.prompt);

/** Sources cited that are neither this reading's statements nor already cited by the base. */
function citations(result: Understanding, base: Blueprint | null): string[] {
  const known = new Set([
    ...result.statements.map((statement) => statement.id),
    ...(base ? cited(base) : []),
  ]);
  return cited(result.blueprint).filter((id) => !known.has(id));
}

function cited(blueprint: Blueprint): string[] {
  return [
    ...blueprint.sharingSourceFactIds,
    ...blueprint.audience.flatMap((audience) => audience.sourceFactIds),
    ...blueprint.entities.flatMap((entity) => [
      ...entity.sourceFactIds,
      ...entity.fields.flatMap((field) => field.sourceFactIds),
    ]),
    ...blueprint.views.flatMap((view) => view.sourceFactIds),
  ];
}

function check(result: Understanding, base: Blueprint | null = null): void {
  expect(Blueprint.parse(result.blueprint)).toEqual(result.blueprint);
  expect(validateBlueprint(result.blueprint)).toEqual([]);
  expect(citations(result, base)).toEqual([]);
  // A new statement never reuses an id the base already cites.
  if (base) for (const statement of result.statements) expect(cited(base)).not.toContain(statement.id);
}

describe('understandText always gives a valid blueprint whose sources are its statements', () => {
  it(`over every eval prompt (${prompts.length}), deterministically`, () => {
    for (const text of prompts) {
      const first = understandText({ text, base: null, focus: null });
      check(first);
      expect(understandText({ text, base: null, focus: null })).toEqual(first);
    }
  });

  it('over every prompt read as a change to another prompt’s blueprint, keeping the base’s ids', () => {
    prompts.forEach((text, index) => {
      const base = understandText({
        text: prompts[(index + 1) % prompts.length] as string,
        base: null,
        focus: null,
      }).blueprint;
      const result = understandText({
        text,
        base,
        focus: { entityId: base.entities[0]?.id ?? null, fieldId: null },
      });
      check(result, base);
      const after = new Set(result.blueprint.entities.map((entity) => entity.id));
      for (const entity of base.entities) expect(after.has(entity.id)).toBe(true);
    });
  });

  it('over hostile and odd input', () => {
    const odd = [
      '',
      '   ',
      ':',
      ';;;, , and or',
      'each has with',
      'a list of',
      'rename to',
      'remove',
      'make a choice of',
      '<script>alert(1)</script> each tool has a name',
      `Each ${'very '.repeat(500)}long thing has a name`,
      Array.from({ length: 120 }, (_, index) => `field${index}`).join(', '),
      `status: ${Array.from({ length: 80 }, (_, index) => `s${index}`).join(', ')}`,
      'scored 10 to 1, from 5 to 5',
      'Ünïcödé tables 🎉 with naïve café names',
    ];
    for (const text of odd) {
      check(understandText({ text, base: null, focus: null }));
      const base = understandText({ text: prompts[0] as string, base: null, focus: null }).blueprint;
      check(understandText({ text, base, focus: { entityId: 'nope', fieldId: 'nope' } }), base);
    }
  });
});
