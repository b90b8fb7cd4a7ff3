/**
 * A seeded PRNG (mulberry32) for the timing choices of fault scenarios: print the seed, and a
 * failure can be replayed with `FAULTS_SEED=<seed>` (timing noise aside, the same kill points).
 */
export interface Random {
  readonly seed: number;
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    seed,
    next,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

/** The seed for one scenario: `FAULTS_SEED` when given, else a fresh one; printed either way. */
export function scenarioSeed(scenario: string): number {
  // biome-ignore lint/style/noProcessEnv: the one knob of this suite, read where it is used
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: a test-only replay switch, no task depends on it
  const fromEnv = process.env.FAULTS_SEED;
  const seed = fromEnv ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  console.info(`[faults] ${scenario}: seed ${seed} (replay with FAULTS_SEED=${seed})`);
  return seed;
}
