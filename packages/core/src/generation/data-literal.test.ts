import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { canaryPayload, hostileStrings, randomHostileString, seededRandom } from '../testing/hostile-text.ts';
import { DataLiteralError, toDataLiteral } from './data-literal.ts';

/**
 * Runs `source` in a fresh V8 context with no Node globals (no `process`, `require`) and returns
 * what it left in `result`, plus whether the canary payload ran.
 */
function runIsolated(source: string): { result: unknown; pwned: boolean } {
  const context = vm.createContext(Object.create(null));
  vm.runInContext(`var result; ${source}`, context, { timeout: 1_000 });
  const sandbox = context as { result?: unknown; __pwned?: unknown };
  return { result: sandbox.result, pwned: sandbox.__pwned !== undefined };
}

const forbiddenRaw = ['\u2028', '\u2029', '<', '>', '`', '$', '*/'];

function expectSafeEverywhere(value: unknown) {
  const literal = toDataLiteral(value);
  for (const raw of forbiddenRaw) expect(literal, JSON.stringify(raw)).not.toContain(raw);
  // Valid JSON that means exactly the same value…
  expect(JSON.parse(literal)).toEqual(value);
  // …and the same value as code, in every place text could be spliced into generated source.
  const placements = [
    `result = ${literal};`,
    `// ${literal}\nresult = ${literal};`,
    `/* ${literal} */ result = ${literal};`,
    `result = \`${literal}\` === '' ? null : ${literal};`,
    `<!-- ${literal}\nresult = ${literal};`,
  ];
  for (const source of placements) {
    const { result, pwned } = runIsolated(source);
    expect(pwned, source.slice(0, 120)).toBe(false);
    expect(result).toEqual(value);
  }
}

describe('toDataLiteral', () => {
  it('round-trips every hostile string exactly, whatever code it is pasted into', () => {
    for (const text of hostileStrings) expectSafeEverywhere(text);
    expectSafeEverywhere({
      title: hostileStrings,
      nested: [{ label: canaryPayload, n: -1.5, on: true }, null],
    });
  });

  it('holds for 2,000 random strings made of hostile characters (seeded, replayable)', () => {
    const random = seededRandom(0x5eed);
    for (let run = 0; run < 2_000; run++) {
      const text = randomHostileString(random);
      const literal = toDataLiteral({ text });
      for (const raw of forbiddenRaw) expect(literal).not.toContain(raw);
      expect(JSON.parse(literal)).toEqual({ text });
      const { result, pwned } = runIsolated(`/* ${literal} */ // ${literal}\nresult = ${literal};`);
      expect(pwned).toBe(false);
      expect(result).toEqual({ text });
    }
  });

  it('keeps ordinary text readable', () => {
    expect(toDataLiteral({ title: 'Support Desk', options: ['Low', 'High'] })).toBe(
      '{"title":"Support Desk","options":["Low","High"]}',
    );
    expect(toDataLiteral('a/b * c')).toBe('"a/b * c"');
  });

  it('refuses values JSON would silently change or a literal would misread', () => {
    const refused: unknown[] = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      undefined,
      () => 1,
      Symbol('x'),
      10n,
      new Date(0),
      new Map(),
      { nested: [undefined] },
      JSON.parse('{"__proto__": {"polluted": true}}'),
    ];
    for (const value of refused) expect(() => toDataLiteral(value), String(value)).toThrow(DataLiteralError);
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    expect(() => toDataLiteral(cycle)).toThrow(DataLiteralError);
    // A repeated (not cyclic) reference is plain data.
    const shared = { a: 1 };
    expect(JSON.parse(toDataLiteral([shared, shared]))).toEqual([{ a: 1 }, { a: 1 }]);
  });
});
