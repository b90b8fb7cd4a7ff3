import { describe, expect, it } from 'vitest';
import { type Blueprint, emptyBlueprint, type Field } from '../../blueprint/blueprint.ts';
import { openDecisions } from '../../blueprint/open-decisions.ts';
import { applyDecisionChange, changeProblem } from '../../questioning/decision-change.ts';
import { QuestionCardOutput } from '../../questioning/task-schemas.ts';
import { offlineDecide } from './offline-decide.ts';
import { offlineWriteQuestion } from './offline-write-question.ts';

const field = (id: string, name: string, type: Field['type'], extra: Partial<Field> = {}): Field => ({
  id,
  name,
  type,
  options: [],
  required: false,
  referenceEntityId: null,
  range: null,
  sourceFactIds: ['f1'],
  ...extra,
});

function workshop(): Blueprint {
  return {
    ...emptyBlueprint('Bike Workshop'),
    entities: [
      {
        id: 'repair',
        name: 'Repair',
        pluralName: 'Repairs',
        fields: [
          field('repair-bike', 'Bike', 'text'),
          field('repair-condition', 'Condition', 'choice'),
          field('repair-stage', 'Stage', 'choice'),
          field('repair-due', 'Due Date', 'date'),
          field('repair-mechanic', 'Mechanic', 'person'),
        ],
        statusFieldId: 'repair-stage',
        sourceFactIds: ['f1'],
      },
      {
        id: 'customer',
        name: 'Customer',
        pluralName: 'Customers',
        fields: [field('customer-name', 'Name', 'text')],
        statusFieldId: null,
        sourceFactIds: ['f1'],
      },
    ],
  };
}

/** Every open decision of the blueprint, asked in turn: each card in its words, each option applying. */
function cards(blueprint: Blueprint) {
  return openDecisions(blueprint, { jobKind: 'create' }).map((decision) => {
    const card = QuestionCardOutput.parse(
      offlineWriteQuestion({
        jobKind: 'create',
        request: 'x',
        facts: [],
        blueprint,
        decision,
        questions: [],
        rejectedDraft: null,
      }),
    );
    return { decision, card };
  });
}

describe('the offline question writer', () => {
  it("asks about each open decision in the blueprint's words, every option a change that applies", () => {
    const asked = cards(workshop());
    // Heaviest first: the workflow, the second list's fields, then the smaller choices.
    expect(asked.map(({ card }) => card.text)).toEqual([
      'What stages does each Repair go through?',
      'Besides a name, what should each Customer record?',
      'Which conditions can a Repair have?',
      'Who will use Bike Workshop day to day?',
      'Is Mechanic just a name on each Repair, or should Mechanics be a list of their own?',
      'How do you want to see Repairs by Due Date?',
      'Should everyone see the same Repairs, or only their own?',
    ]);
    for (const { decision, card } of asked) {
      expect(card.options.length, card.text).toBeGreaterThanOrEqual(2);
      expect(card.options.length).toBeLessThanOrEqual(4);
      expect(card.options.filter((option) => option.recommended)).toHaveLength(1);
      for (const option of card.options)
        expect(changeProblem(workshop(), decision, option.change), option.label).toBeNull();
      expect(changeProblem(workshop(), decision, card.skipChange)).toBeNull();
    }
  });

  it('the person field names an existing list: the recommended option points at it', () => {
    const blueprint = workshop();
    blueprint.entities[0]?.fields.push(field('repair-customer', 'Customer', 'person'));
    const relation = cards(blueprint).find(({ decision }) => decision.fieldId === 'repair-customer');
    expect(relation?.card.options[0]).toMatchObject({
      label: 'Pick one from the Customers list',
      recommended: true,
    });
    if (!relation) return;
    const next = applyDecisionChange(
      blueprint,
      relation.decision,
      relation.card.options[0]?.change ?? relation.card.skipChange,
      'a1',
    );
    expect(next.entities).toHaveLength(2);
    expect(next.entities[0]?.fields.at(-1)).toMatchObject({
      type: 'reference',
      referenceEntityId: 'customer',
    });
  });

  it('a due date recommends a "coming up" list; skipping applies what is recommended', () => {
    const dates = cards(workshop()).find(({ decision }) => decision.kind === 'date_view');
    expect(dates?.card.options[0]).toMatchObject({
      recommended: true,
      label: 'A list of Repairs with Due Date in the next 7 days',
    });
    expect(dates?.card.skipChange).toEqual(dates?.card.options[0]?.change);
  });

  it('a choice whose name suggests nothing is asked as free text, with a plain default', () => {
    const blueprint = workshop();
    blueprint.entities[0]?.fields.push(field('repair-brand', 'Brand', 'choice'));
    const brand = cards(blueprint).find(({ decision }) => decision.fieldId === 'repair-brand');
    expect(brand?.card).toMatchObject({ kind: 'text', options: [] });
    expect(brand?.card.skipChange.options).toEqual(['General', 'Other']);
  });

  it('no entity yet: what to keep a list of, with sensible default records', () => {
    const [first] = cards(emptyBlueprint());
    expect(first?.card.text).toBe('What should this app keep a list of?');
    const next = applyDecisionChange(emptyBlueprint(), first!.decision, first!.card.skipChange, 'a1');
    expect(next.entities[0]?.name).toBe('Task');
  });
});

describe('the offline main agent', () => {
  const decideOn = (blueprint: Blueprint, readiness: number, questionsRemaining = 3) =>
    offlineDecide({
      jobKind: 'create',
      request: 'x',
      facts: [],
      blueprint,
      openDecisions: openDecisions(blueprint, { jobKind: 'create' }),
      readiness,
      questions: [],
      questionsRemaining,
    });

  it('asks while readiness is below 80, proceeds at or above it, or when no question is left', () => {
    expect(decideOn(workshop(), 60).action).toBe('ask_question');
    expect(decideOn(workshop(), 80)).toMatchObject({ action: 'proceed' });
    expect(decideOn(workshop(), 60, 0).action).toBe('proceed');
  });
});
