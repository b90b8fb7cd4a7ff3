/**
 * Messages that reach events and the job row (problems, check details, job failures) are shown
 * to people and kept forever, and their text often comes from places we do not control: a
 * compiler, a generated app's thrown error, a model's reply, a database driver. So each one is
 * capped (docs/architecture.md#shapes: 2,000 characters) and scrubbed of anything shaped like a credential first.
 */

/** Longest message kept, in UTF-16 code units, ellipsis included. */
export const maxMessageLength = 2_000;

/** Redaction scans at most this much: enough to cover what the cap keeps, bounded for a 5 MB message. */
const scanLimit = 16 * 1024;

const redacted = '[redacted]';

const secretPatterns: readonly [RegExp, string | ((...groups: string[]) => string)][] = [
  // Credentials inside a URL: postgres://user:password@host, https://token@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:'"]*(?::[^\s/@'"]*)?@/gi, (_match, scheme) => `${scheme}${redacted}@`],
  // key=value and key: value pairs whose key names a secret (libpq strings, env dumps, headers).
  [
    /\b([A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)[A-Z0-9_]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi,
    (_match, key, separator) => `${key}${separator}${redacted}`,
  ],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, (_match, scheme) => `${scheme} ${redacted}`],
  // Provider API keys (OpenAI `sk-…`, GitHub `ghp_…`, Slack `xox…`) and JWTs.
  [/\b(?:sk-[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abposr]-[A-Za-z0-9-]{10,})/g, redacted],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, redacted],
];

/** Replaces credentials (URL userinfo, `PASSWORD=…`, bearer tokens, API keys) and any of `known` values. */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let result = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const value of [...known].filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length))
    result = result.split(value).join(redacted);
  for (const [pattern, replacement] of secretPatterns)
    result = result.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  return result;
}

/** Cuts `text` to `maxLength` (ellipsis included) without splitting a surrogate pair. */
export function capMessage(text: string, maxLength = maxMessageLength): string {
  if (text.length <= maxLength) return text;
  let end = maxLength - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * What may be stored and streamed for an error: scrubbed, then capped. Redaction runs on a bounded
 * prefix first, so a huge message costs no more than a small one; the cap then drops the rest.
 */
export function safeMessage(text: string, known: readonly string[] = []): string {
  const scanned = text.length > scanLimit ? text.slice(0, scanLimit) : text;
  return capMessage(redactSecrets(scanned, known));
}
