/**
 * Text written the way an attacker would write a request, an answer or a change request to get
 * it spliced into generated code: every character that ends a string, a comment, a template
 * literal, a JSX expression or an inline script, plus payloads that would leave a trace if they
 * ever ran (`globalThis.__pwned`).
 */
export const canaryPayload = 'globalThis.__pwned = 1';

export const hostileStrings: readonly string[] = [
  `'; ${canaryPayload}; '`,
  `"; ${canaryPayload}; "`,
  `\`; ${canaryPayload}; \``,
  '\\',
  '\\"',
  "\\'",
  `\${${canaryPayload}}`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder is the payload.
  '${alert(1)}',
  `*/ ${canaryPayload}; /*`,
  '</script><script>globalThis.__pwned = 1</script>',
  '<!-- globalThis.__pwned = 1 -->',
  `\u2028${canaryPayload}`,
  `\u2029${canaryPayload}`,
  `\n${canaryPayload}\n`,
  '\r\n\t\v\f',
  '\u0000\u0001\u001f\u007f',
  '\ud800 lone surrogate \udfff',
  'emoji 🚀👩‍💻 and ﷽',
  '{process.exit()}',
  '"]});process.exit(1);//',
  `<img src=x onerror="${canaryPayload}">`,
  '__proto__',
  'constructor',
  `x`.repeat(5_000),
];

/** A small deterministic PRNG (mulberry32), so a failing fuzz case replays exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const alphabet = [
  ...`'"\`\\\${}()[]<>/*!-;:.,=+&|?#@%^~ \n\r\t`,
  '\u2028',
  '\u2029',
  '\u0000',
  '\u200b',
  '\ufeff',
  '\ud83d\ude80',
  '\ud800',
  'é',
  'a',
  'Z',
  '0',
];

/** A random string built from hostile pieces and single hostile characters. */
export function randomHostileString(random: () => number, maxPieces = 12): string {
  const pieces = 1 + Math.floor(random() * maxPieces);
  let text = '';
  for (let index = 0; index < pieces; index++) {
    if (random() < 0.3) {
      const piece = hostileStrings[Math.floor(random() * hostileStrings.length)] ?? '';
      text += piece.slice(0, 200);
    } else {
      text += alphabet[Math.floor(random() * alphabet.length)] ?? '';
    }
  }
  return text;
}
