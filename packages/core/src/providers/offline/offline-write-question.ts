import type { FactTopic } from '../../ledger.ts';
import { classifyQuestionTopic } from '../../questioning/question-topic.ts';
import type { WriteQuestionInput, WriteQuestionOutput } from '../../questioning/task-schemas.ts';
import { genericRecordChoices } from './app-domains.ts';
import { type AppProfile, capitalize, listText, profileFor } from './app-profile.ts';
import { detectDomain } from './text-analysis.ts';

type Card = Omit<WriteQuestionOutput, 'topic'>;
type Option = WriteQuestionOutput['options'][number];

const options = (labels: readonly string[], recommendedIndex = 0): Option[] =>
  labels.slice(0, 4).map((label, index) => ({ label, recommended: index === recommendedIndex }));

/**
 * Offline question writer: the first open topic (already ordered by impact) that has not been
 * asked, phrased for this kind of app with options drawn from its domain.
 */
export function offlineWriteQuestion(input: WriteQuestionInput): WriteQuestionOutput {
  const asked = new Set<FactTopic>();
  for (const question of input.questions) {
    const topic = question.topic ?? classifyQuestionTopic(question.text);
    if (topic) asked.add(topic);
  }
  if (input.rejectedDraft) {
    const rejected = classifyQuestionTopic(input.rejectedDraft.text);
    if (rejected) asked.add(rejected);
  }
  const topic = input.openTopics.find((candidate) => !asked.has(candidate)) ?? input.openTopics[0] ?? 'views';
  const profile = profileFor(input.request, input.facts);
  return { topic, ...cardFor(topic, profile, input.facts.map((fact) => fact.text).join('\n')) };
}

function cardFor(topic: FactTopic, profile: AppProfile, known: string): Card {
  const { domain, record } = profile;
  switch (topic) {
    case 'records': {
      // A known kind of app (hiring, say) suggests its own records first.
      const choices =
        domain.id === 'generic'
          ? genericRecordChoices
          : [
              capitalize(domain.record.plural),
              ...genericRecordChoices.filter((choice) => detectDomain(choice) !== domain),
            ];
      return {
        text: 'What will this app mainly keep track of?',
        why: 'The main records decide the screens, the forms and what gets stored.',
        kind: 'single',
        options: options(choices),
        assumptionIfSkipped:
          domain.id === 'generic'
            ? `I'll assume it keeps a simple list of items with ${listText(domain.coreFields)}.`
            : `I'll assume it keeps track of ${domain.record.plural}.`,
      };
    }
    case 'workflow': {
      const workflows = domain.workflows.map((steps) => steps.join(' → '));
      return {
        text: `How should each ${record.singular} move from start to finish?`,
        why: `Statuses become the board columns, the filters and the actions on each ${record.singular}.`,
        kind: 'single',
        options: options(workflows),
        assumptionIfSkipped: `I'll use the statuses ${workflows[0] ?? 'To do → Done'}.`,
      };
    }
    case 'views': {
      const views = domain.views.map((view) => view.label);
      return {
        text: `Which views do you need for your ${record.plural}?`,
        why: 'Each view is a screen I build and link from the navigation; the rest stay out of your way.',
        kind: 'multi',
        options: options(views),
        assumptionIfSkipped:
          domain.views[0]?.kind === 'table'
            ? `I'll build a ${(views[0] ?? 'table').toLowerCase()}.`
            : `I'll build a ${(views[0] ?? 'board').toLowerCase()} plus a searchable table.`,
      };
    }
    case 'fields': {
      const core = domain.coreFields;
      const all = [...core, ...domain.extraFields];
      return {
        text: `What should each ${record.singular} record capture?`,
        why: 'These become the form fields, the table columns and what you can search and filter by.',
        kind: 'single',
        options: options([
          `Essentials: ${listText(core)}`,
          `More detail: ${listText([...core, ...domain.extraFields.slice(0, 2)])}`,
          `Everything: ${listText(all)}`,
        ]),
        assumptionIfSkipped: `I'll capture ${listText(core)}.`,
      };
    }
    case 'audience':
      return {
        text: 'Who will use this day to day?',
        why: 'Who uses it sets the wording, the defaults and what each screen shows first.',
        kind: 'single',
        options: options(domain.audiences),
        assumptionIfSkipped: `I'll build it for ${(domain.audiences[0] ?? 'a small team').toLowerCase()}.`,
      };
    case 'sharing': {
      const privateByDefault = domain.sharing === 'private' || /\bone person\b|just me/i.test(known);
      return {
        text: `Should everyone see the same ${record.plural}, or only their own?`,
        why: `This decides whether each ${record.singular} has an owner and whether lists are filtered per person.`,
        kind: 'single',
        options: options(
          [
            `Shared: everyone sees and edits all ${record.plural}`,
            `Shared, but people edit only their own ${record.plural}`,
            `Private: each person sees only their own ${record.plural}`,
          ],
          privateByDefault ? 2 : 0,
        ),
        assumptionIfSkipped: privateByDefault
          ? `I'll keep each person's ${record.plural} private to them.`
          : `I'll keep one shared list of ${record.plural} that everyone can see and edit.`,
      };
    }
    case 'change':
      return {
        text: 'What should change in the current app?',
        why: 'A specific change lets me edit the right files and leave the rest as it is.',
        kind: 'single',
        options: options([
          `Add or change fields on ${record.plural}`,
          'Add or change a view (table, board, calendar, chart)',
          'Change the statuses or workflow',
          'Change the look and feel',
        ]),
        assumptionIfSkipped: "I'll tidy up the layout and styling without changing how the app works.",
      };
    default:
      return {
        text: `What matters most to you in this ${record.singular} app?`,
        why: 'It tells me what to get right first.',
        kind: 'text',
        options: [],
        assumptionIfSkipped: "I'll focus on a clean, fast list with create, edit, search and delete.",
      };
  }
}
