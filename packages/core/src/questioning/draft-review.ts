import type { FactTopic } from '../ledger.ts';
import type { QuestionDraft, QuestionOption } from '../question.ts';
import { lemmaLine, tokenize } from '../text/english.ts';
import type { WriteQuestionOutput } from './task-schemas.ts';
import { factKey } from './views.ts';

/**
 * Hosting and technology are decided by the builder, not the person: a question about them wastes
 * one of the few questions we get. Lemma sequences, matched as whole words.
 */
const offLimitsTerms = [
  'host',
  'hosting',
  'deploy',
  'deployment',
  'framework',
  'react',
  'vue',
  'angular',
  'svelte',
  'next.js',
  'tech stack',
  'technology stack',
  'programming language',
  'typescript',
  'javascript',
  'database',
  'postgres',
  'mysql',
  'mongodb',
  'aws',
  'azure',
  'vercel',
  'netlify',
  'heroku',
  'docker',
  'kubernetes',
  'backend',
  'server',
  'cloud provider',
];

export function mentionsOffLimits(text: string): string | null {
  const line = lemmaLine(tokenize(text));
  for (const term of offLimitsTerms) if (line.includes(` ${term} `)) return term;
  return null;
}

export interface DraftReviewContext {
  covered: ReadonlySet<FactTopic>;
  open: readonly FactTopic[];
  askedTexts: readonly string[];
}

/** Returns why a draft may not be asked, or null when it is fine. */
export function draftProblem(draft: WriteQuestionOutput, context: DraftReviewContext): string | null {
  if (context.covered.has(draft.topic) || !context.open.includes(draft.topic)) {
    return `topic "${draft.topic}" is already known; ask about one of: ${context.open.join(', ') || 'nothing'}`;
  }
  const offLimits = mentionsOffLimits(
    [draft.text, ...draft.options.map((option) => option.label)].join('\n'),
  );
  if (offLimits) return `never ask about hosting or technology (mentions "${offLimits}")`;
  if (context.askedTexts.some((text) => factKey(text) === factKey(draft.text)))
    return 'this question was already asked';
  return null;
}

/**
 * Makes a draft safe to show: 2–4 options with stable slug ids and exactly one recommended, or a
 * free-text question when fewer than two choices came back.
 */
export function normalizeDraft(draft: WriteQuestionOutput): QuestionDraft {
  const options = draft.kind === 'text' ? [] : withSlugIds(draft.options.slice(0, 4));
  const kind = draft.kind !== 'text' && options.length < 2 ? 'text' : draft.kind;
  return {
    text: draft.text.trim(),
    why: draft.why.trim(),
    kind,
    options: kind === 'text' ? [] : withOneRecommended(options),
    assumptionIfSkipped: draft.assumptionIfSkipped.trim(),
    topic: draft.topic,
  };
}

export function slugify(label: string): string {
  return label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
}

function withSlugIds(options: readonly { label: string; recommended: boolean }[]): QuestionOption[] {
  const used = new Set<string>();
  const result: QuestionOption[] = [];
  for (const [index, option] of options.entries()) {
    const label = option.label.trim();
    if (!label) continue;
    const base = slugify(label) || `option-${index + 1}`;
    let id = base;
    for (let suffix = 2; used.has(id); suffix++) id = `${base}-${suffix}`;
    used.add(id);
    result.push({ id, label, recommended: option.recommended });
  }
  return result;
}

function withOneRecommended(options: QuestionOption[]): QuestionOption[] {
  const first = Math.max(
    0,
    options.findIndex((option) => option.recommended),
  );
  return options.map((option, index) => ({ ...option, recommended: index === first }));
}
