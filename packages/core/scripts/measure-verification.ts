// Where the time of "compile → verified with every acceptance check" goes, per phase, with the
// verifier's default limits: compile, bundle, type check (warm child), the browser run as a whole
// and each check inside it, and validateApp end to end (bundle, then type check ∥ browser).
// Blueprints: the compiler fixtures plus a few eval requests read by the offline understanding.
// `tsx scripts/measure-verification.ts [rounds=3] [--eval=4] [--pages=<parallel pages>]`.
import { loadavg } from 'node:os';
import { blueprintOf, loadCases } from '../eval/run-eval.ts';
import type { Blueprint } from '../src/blueprint/blueprint.ts';
import { acceptanceChecks } from '../src/compiler/acceptance-checks.ts';
import { compileBlueprint } from '../src/compiler/compile-blueprint.ts';
import { fixtureBlueprints } from '../src/compiler/fixtures/blueprints.ts';
import { createTestVerifier } from '../src/testing/test-verifier.ts';
import type { VerificationCheck } from '../src/validation/browser/checks.ts';
import { bundleApp } from '../src/validation/bundle-app.ts';
import { typecheckApp } from '../src/validation/typecheck-app.ts';
import { validateApp } from '../src/validation/validate-app.ts';

const rounds = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 3);
const flag = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? null;
const evalCount = Number(flag('eval') ?? 4);
const parallelPages = flag('pages');

const blueprints: { name: string; blueprint: Blueprint }[] = [
  ...fixtureBlueprints.map((fixture) => ({ name: fixture.name, blueprint: fixture.blueprint })),
  ...loadCases('requests.json')
    .slice(0, evalCount)
    .map((testCase) => ({ name: `eval ${testCase.id}`, blueprint: blueprintOf(testCase) })),
];

const samples = new Map<string, number[]>();
const record = (phase: string, ms: number) => {
  const list = samples.get(phase) ?? [];
  list.push(ms);
  samples.set(phase, list);
};
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const timed = async <T>(phase: string, work: () => Promise<T> | T): Promise<T> => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    record(phase, performance.now() - started);
  }
};
/** The check's own time, keyed by its kind (`view`, `create`, …), measured around its run. */
const timedChecks = (checks: readonly VerificationCheck[]): VerificationCheck[] =>
  checks.map((check) => ({
    ...check,
    run: (page) => timed(`  check ${check.id.split(':')[0]}`, () => check.run(page)),
  }));

const verifier = createTestVerifier(parallelPages ? { parallelPages: Number(parallelPages) } : {});
await timed('browser launch + first run (cold)', async () => {
  const first = blueprints[0];
  if (!first) return;
  const bundle = await bundleApp(compileBlueprint(first.blueprint), { sourceMap: true });
  if (bundle.ok) await verifier.verifyApp(bundle, []);
});
await timed('type check (cold child)', () =>
  typecheckApp(compileBlueprint(blueprints[0]?.blueprint as Blueprint)),
);

const checksPerBuild: number[] = [];
const failures: string[] = [];
for (let round = 0; round < rounds; round += 1) {
  for (const { name, blueprint } of blueprints) {
    // Phase by phase, one after the other, so each one's cost is its own.
    const files = await timed('compile (files + checks)', () => compileBlueprint(blueprint));
    const checks = acceptanceChecks(blueprint);
    const bundle = await timed('bundle', () => bundleApp(files, { sourceMap: true }));
    if (!bundle.ok) throw new Error(`${name}: ${JSON.stringify(bundle.problems)}`);
    const typeProblems = await timed('type check (warm)', () => typecheckApp(files));
    if (typeProblems.length > 0) failures.push(`${name}: ${typeProblems[0]?.message}`);
    await timed('verify: empty run (context, load, render check)', () => verifier.verifyApp(bundle, []));
    const result = await timed('verify: every check', () => verifier.verifyApp(bundle, timedChecks(checks)));
    checksPerBuild.push(result.checks.length);
    for (const check of result.checks) if (!check.ok) failures.push(`${name}: ${check.id}: ${check.detail}`);
    // What a build pays: compile, then validateApp as generation calls it.
    await timed('END TO END compile → validated with every check', async () => {
      const compiled = compileBlueprint(blueprint);
      const validation = await validateApp(compiled, {
        verifier,
        checks: acceptanceChecks(blueprint),
      });
      if (!validation.ok) failures.push(`${name}: end to end not ok: ${validation.problems[0]?.message}`);
    });
    console.log(
      `${name}: ${result.checks.filter((check) => check.ok).length}/${result.checks.length} checks`,
    );
  }
}
await verifier.close();

const width = Math.max(...[...samples.keys()].map((phase) => phase.length));
console.log(`\n${'phase'.padEnd(width)}      n    p50 ms    p99 ms`);
for (const [phase, values] of samples) {
  console.log(
    `${phase.padEnd(width)} ${String(values.length).padStart(6)} ${String(Math.round(percentile(values, 50))).padStart(9)} ${String(Math.round(percentile(values, 99))).padStart(9)}`,
  );
}
console.log(
  `\nchecks per build: p50 ${percentile(checksPerBuild, 50)} (min ${Math.min(...checksPerBuild)}, max ${Math.max(...checksPerBuild)}); load average ${loadavg()[0]?.toFixed(1)}`,
);
if (failures.length > 0)
  console.log(`\nfailures (${failures.length}):\n${[...new Set(failures)].join('\n')}`);
