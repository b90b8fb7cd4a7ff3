import type { FactView } from '../../questioning/task-schemas.ts';
import { tokenize } from '../../text/english.ts';
import { type AppDomain, genericDomain } from './app-domains.ts';
import { analyzeText, detectDomain } from './text-analysis.ts';

/** The offline model's picture of the app being discussed: its domain and what its records are called. */
export interface AppProfile {
  domain: AppDomain;
  record: { singular: string; plural: string };
}

/** Everything said so far (request + facts) decides the domain, so an answer can steer it later. */
export function profileFor(request: string, facts: readonly FactView[]): AppProfile {
  const said = [request, ...facts.filter((fact) => fact.kind !== 'unknown').map((fact) => fact.text)].join(
    '\n',
  );
  const domain = detectDomain(said) ?? genericDomain;
  if (domain !== genericDomain) return { domain, record: domain.record };
  const phrase = analyzeText(request).records[0];
  return { domain, record: phrase ? recordNamesFrom(phrase) : genericDomain.record };
}

/** "plants" → plant/plants; "wine collection" → wine collection entry/entries. */
function recordNamesFrom(phrase: string): { singular: string; plural: string } {
  const tokens = tokenize(phrase);
  const head = tokens[tokens.length - 1];
  if (head && head.normal !== head.lemma && head.pos === 'NOUN') {
    const singular = [...tokens.slice(0, -1).map((token) => token.normal), head.lemma].join(' ');
    return { singular, plural: phrase };
  }
  return { singular: `${phrase} entry`, plural: `${phrase} entries` };
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
