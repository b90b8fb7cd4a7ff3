import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const serverDirectory = path.resolve(import.meta.dirname, '..');

/** Runs the real entry point to its exit; resolves with its exit code and what it printed. */
function runServerMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDirectory,
    // Only PATH and HOME from here: no DATABASE_URL or SESSION_SECRET leaks in from the test run.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('server main', () => {
  it('refuses a bad environment before starting anything: every problem printed, exit 1', {
    timeout: 60_000,
  }, async () => {
    const { code, output } = await runServerMain({
      DATABASE_URL: '',
      SESSION_SECRET: 'too-short',
      MAX_QUESTIONS: '21',
      MODEL_PROVIDER: 'offline',
    });
    expect(code).toBe(1);
    expect(output).toMatch(
      /server: Invalid environment:\n {2}- DATABASE_URL: is required[\s\S]*- MAX_QUESTIONS: [\s\S]*- SESSION_SECRET: must be at least 32 characters/,
    );
    expect(output).not.toMatch(/listening/);
  });
});
