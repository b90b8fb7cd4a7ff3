const danglingWords = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'for',
  'with',
  'of',
  'to',
  'in',
  'on',
  'our',
  'my',
  'that',
  'which',
  'by',
]);

/**
 * An app's name when the person gives none: a few words from the first sentence of the request,
 * never ending mid-phrase, at most 48 characters (well inside `appNameMaxLength`):
 * "a tracker for our support tickets with priorities" → "Tracker for our support tickets".
 */
export function nameFromPrompt(prompt: string): string {
  const firstSentence = prompt.split(/[.!?\n]/)[0]?.trim() ?? '';
  const withoutLead = firstSentence.replace(
    /^(please\s+)?(build|make|create|i want|i need|we need)\s+(me\s+|us\s+)?/i,
    '',
  );
  const withoutArticle = withoutLead.replace(/^(an?|the)\s+/i, '');
  const words = withoutArticle.split(/\s+/).filter(Boolean).slice(0, 6);
  // "Tracker for our support tickets with" reads cut off: end on a content word.
  while (words.length > 1 && danglingWords.has((words.at(-1) ?? '').toLowerCase())) words.pop();
  const joined = words.join(' ');
  const name = joined.length > 48 ? `${joined.slice(0, 47).trimEnd()}…` : joined;
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : 'Untitled app';
}
