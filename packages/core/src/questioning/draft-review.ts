import type { QuestionDraft, QuestionOption } from '../question.ts';
import { lemmaLine, tokenize } from '../text/english.ts';
import type { DecisionChange } from './decision-change.ts';
import type { QuestionCardOutput } from './task-schemas.ts';
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

/**
 * Returns why a drafted card may not be asked, or null when it is fine. Re-asking a decision that
 * is already made cannot happen (only open decisions are asked about); the same words twice can.
 */
export function draftProblem(card: QuestionCardOutput, askedTexts: readonly string[]): string | null {
  const offLimits = mentionsOffLimits([card.text, ...card.options.map((option) => option.label)].join('\n'));
  if (offLimits) return `never ask about hosting or technology (mentions "${offLimits}")`;
  if (askedTexts.some((text) => factKey(text) === factKey(card.text)))
    return 'this question was already asked';
  return null;
}

/**
 * Makes a vetted card safe to show and to apply: 2–4 options with stable slug ids, exactly one
 * recommended, each paired with its change; a free-text question when fewer than two remain.
 */
export function normalizeCard(card: QuestionCardOutput): {
  question: Omit<QuestionDraft, 'topic'>;
  changes: { optionId: string; change: DecisionChange }[];
} {
  const used = new Set<string>();
  const options: (QuestionOption & { change: DecisionChange })[] = [];
  if (card.kind !== 'text') {
    for (const [index, option] of card.options.slice(0, 4).entries()) {
      const label = option.label.trim();
      if (!label) continue;
      const base = slugify(label) || `option-${index + 1}`;
      let id = base;
      for (let suffix = 2; used.has(id); suffix++) id = `${base}-${suffix}`;
      used.add(id);
      options.push({ id, label, recommended: option.recommended, change: option.change });
    }
  }
  const kind = card.kind !== 'text' && options.length < 2 ? 'text' : card.kind;
  const kept = kind === 'text' ? [] : options;
  const first = Math.max(
    0,
    kept.findIndex((option) => option.recommended),
  );
  return {
    question: {
      text: card.text.trim(),
      why: card.why.trim(),
      kind,
      options: kept.map(({ id, label }, index) => ({ id, label, recommended: index === first })),
      assumptionIfSkipped: card.assumptionIfSkipped.trim(),
    },
    changes: kept.map(({ id, change }) => ({ optionId: id, change })),
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
