// `pnpm test`: lint + format check, typecheck, unit + integration (vitest, real Postgres), then
// browser e2e (Playwright + Debian Chromium). Ends with one plain line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/stack.ts';

const resultsDir = path.join(repoRoot, 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.CI ? '0' : '1' };

let passed = 0;
let failed = 0;
const failures: string[] = [];

function step(name: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n\x1b[1m▶ ${name}\x1b[0m\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
  const ok = result.status === 0;
  process.stdout.write(`${ok ? '✓' : '✗'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return ok;
}

function countStep(name: string, ok: boolean): void {
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

countStep('lint + format (biome)', step('lint + format (biome)', 'pnpm', ['exec', 'biome', 'check', '.']));
countStep(
  'typecheck',
  step('typecheck', 'pnpm', ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']) &&
    step('typecheck (root scripts)', 'pnpm', ['exec', 'tsc', '-p', '.']),
);

const vitestJson = path.join(resultsDir, 'vitest.json');
const vitestOk = step('unit + integration (vitest)', 'pnpm', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const vitestCounts = readCounts(vitestJson, (report) => ({
  passed: Number(report.numPassedTests ?? 0),
  failed: Number(report.numFailedTests ?? 0),
}));
passed += vitestCounts.passed;
failed += vitestCounts.failed;
if (!vitestOk) {
  failures.push('vitest');
  if (vitestCounts.failed === 0) failed += 1; // a crash before any test failed still fails the run
}

const e2eJson = path.join(resultsDir, 'e2e.json');
const e2eOk = step('browser e2e (Playwright + Chromium)', 'pnpm', [
  'exec',
  'playwright',
  'test',
  '-c',
  'apps/web/playwright.config.ts',
]);
const e2eCounts = readCounts(e2eJson, (report) => {
  const stats = (report.stats ?? {}) as Record<string, number>;
  return {
    passed: Number(stats.expected ?? 0) + Number(stats.flaky ?? 0),
    failed: Number(stats.unexpected ?? 0),
  };
});
passed += e2eCounts.passed;
failed += e2eCounts.failed;
if (!e2eOk) {
  failures.push('e2e');
  if (e2eCounts.failed === 0) failed += 1;
}

if (failures.length > 0) process.stdout.write(`\nFailed: ${failures.join(', ')}\n`);
// The failing tests by name, last, where a CI log's tail shows them.
for (const name of failedVitestTests(vitestJson)) process.stdout.write(`  ✗ ${name}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);

function readCounts(
  file: string,
  pick: (report: Record<string, unknown>) => { passed: number; failed: number },
): { passed: number; failed: number } {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  try {
    return pick(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  } catch {
    return { passed: 0, failed: 0 };
  }
}

/** `file › test` for each failed test in vitest's JSON report. */
function failedVitestTests(file: string): string[] {
  if (!existsSync(file)) return [];
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      testResults?: {
        name: string;
        assertionResults?: { status: string; fullName?: string; title: string }[];
      }[];
    };
    return (report.testResults ?? []).flatMap((result) =>
      (result.assertionResults ?? [])
        .filter((test) => test.status === 'failed')
        .map((test) => `${path.relative(repoRoot, result.name)} › ${test.fullName ?? test.title}`),
    );
  } catch {
    return [];
  }
}
