// Compile + bundle + verify (every acceptance check in the sandboxed browser) of the fixture
// blueprints, with one warm browser: prints per-build times, their p50 / p90, and checks per
// build. `tsx scripts/measure-compiled-builds.ts [builds=10] [--minify]`.
import { loadavg } from 'node:os';
import { acceptanceChecks } from '../src/compiler/acceptance-checks.ts';
import { compileBlueprint } from '../src/compiler/compile-blueprint.ts';
import { fixtureBlueprints } from '../src/compiler/fixtures/blueprints.ts';
import { createTestVerifier } from '../src/testing/test-verifier.ts';
import { bundleApp } from '../src/validation/bundle-app.ts';

const builds = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 10);
const minify = process.argv.includes('--minify');
const verifier = createTestVerifier({ cpuLimitMs: 20_000, wallLimitMs: 60_000 });
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

// One unmeasured run warms the browser (launch, first context).
const warm = fixtureBlueprints[0];
if (warm) {
  const bundle = await bundleApp(compileBlueprint(warm.blueprint), { sourceMap: true, minify });
  if (bundle.ok) await verifier.verifyApp(bundle, []);
}
const totals: number[] = [];
const checksPerBuild: number[] = [];
for (let index = 0; index < builds; index += 1) {
  const fixture = fixtureBlueprints[index % fixtureBlueprints.length];
  if (!fixture) break;
  const started = performance.now();
  const files = compileBlueprint(fixture.blueprint);
  const checks = acceptanceChecks(fixture.blueprint);
  const bundle = await bundleApp(files, { sourceMap: true, minify });
  if (!bundle.ok) throw new Error(JSON.stringify(bundle.problems));
  const bundled = performance.now();
  const result = await verifier.verifyApp(bundle, checks);
  const total = performance.now() - started;
  totals.push(total);
  checksPerBuild.push(result.checks.length);
  console.log(
    `${fixture.name}: ${result.checks.filter((check) => check.ok).length}/${result.checks.length} checks, compile+bundle ${Math.round(bundled - started)} ms, verify ${Math.round(total - (bundled - started))} ms`,
  );
}
await verifier.close();
console.log(
  `builds ${totals.length}${minify ? ' (production React)' : ''}: p50 ${Math.round(percentile(totals, 50))} ms, p90 ${Math.round(percentile(totals, 90))} ms; checks per build p50 ${percentile(checksPerBuild, 50)} (min ${Math.min(...checksPerBuild)}, max ${Math.max(...checksPerBuild)}); load average ${loadavg()[0]?.toFixed(1)}`,
);
