import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ModelAbortedError } from '../errors.ts';
import type { AppFile } from './app-files.ts';
import { createTypeChecker, type TypeChecker, typecheckApp } from './typecheck-app.ts';

const app = (extra: string): AppFile[] => [
  {
    path: 'src/App.tsx',
    content: `import { useState } from 'react';\n${extra}\nexport default function App() {\n  const [count, setCount] = useState(0);\n  return <button type="button" onClick={() => setCount(count + 1)}>{count}</button>;\n}\n`,
  },
];
const validApp = app('');

/**
 * Each statement makes the compiler build a distinct 50,000-member union (just under its own
 * 100,000 limit, so it never refuses): ~13 MB of heap and ~60 ms of CPU apiece.
 */
const unionBomb = (statements: number): AppFile[] => {
  const lines = [
    "type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';",
    "type Five = 'a' | 'b' | 'c' | 'd' | 'e';",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source, a template literal type
    'type D4 = `${Digit}${Digit}${Digit}${Digit}`;',
  ];
  for (let index = 0; index < statements; index++)
    lines.push(`export const v${index}: \`p${index}\${D4}\${Five}\` = 'p${index}0000a';`);
  return app(lines.join('\n'));
};

let checkers: TypeChecker[] = [];
const checker = (options: Parameters<typeof createTypeChecker>[0] = {}) => {
  const created = createTypeChecker(options);
  checkers.push(created);
  return created;
};
afterEach(() => {
  for (const created of checkers) created.close();
  checkers = [];
});

describe('typecheckApp', () => {
  it('accepts a correct app', async () => {
    expect(await typecheckApp(validApp)).toEqual([]);
  });

  it('reports a type error at its file and line', async () => {
    const problems = await typecheckApp([
      ...validApp,
      {
        path: 'src/Label.tsx',
        content: 'export function Label() {\n  const text: string = 42;\n  return text;\n}\n',
      },
    ]);
    expect(problems).toEqual([
      {
        path: 'src/Label.tsx',
        line: 2,
        message: "TS2322: Type 'number' is not assignable to type 'string'.",
        source: 'types',
      },
    ]);
  });

  it("runs off the caller's thread: timers keep firing while a check runs", async () => {
    await typecheckApp(validApp);
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    expect(await typecheckApp(app(`export const changed = ${Date.now()};`))).toEqual([]);
    // On the caller's thread the check would run to completion before any timer could fire.
    expect(timerFired).toBe(true);
  });
});

describe('a type-level bomb', () => {
  it('fails the check within its time limit, and the next check passes', async () => {
    // A heap far above what 1.5 s can fill, so only the clock can stop this one.
    const bounded = checker({ heapLimitMb: 4096 });
    await bounded.check(validApp); // started and warm: the limit is the bomb's alone
    const started = performance.now();
    const problems = await bounded.check(unionBomb(2_000), { timeoutMs: 1_500 });
    expect(performance.now() - started).toBeLessThan(1_500 + 3_000);
    expect(problems).toEqual([
      {
        path: 'src/App.tsx',
        line: null,
        message: expect.stringMatching(/^The type check did not finish within 1500 ms/),
        source: 'types',
      },
    ]);
    expect(await bounded.check(app('const wrong: string = 1;'))).toMatchObject([
      { line: 2, source: 'types' },
    ]);
    expect(await bounded.check(validApp)).toEqual([]);
  }, 90_000);

  it('that allocates without bound fails with out of memory, and the next check passes', async () => {
    const capped = checker({ heapLimitMb: 200, timeoutMs: 60_000 });
    const before = await capped.inspect();
    const started = performance.now();
    const problems = await capped.check(unionBomb(100)); // ~1.3 GB of unions against a 200 MB cap
    expect(problems).toEqual([
      {
        path: 'src/App.tsx',
        line: null,
        message: expect.stringMatching(/^The type check ran out of memory \(over 200 MB\)/),
        source: 'types',
      },
    ]);
    expect(performance.now() - started).toBeLessThan(45_000);
    expect(await capped.check(validApp)).toEqual([]);
    expect((await capped.inspect()).pid).not.toBe(before.pid);
  }, 90_000);
});

describe("the checker's view of the disk", () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'typecheck-outside-'));
  // Reading this file would turn the assignments below into type errors mentioning 'from-the-host'.
  fs.writeFileSync(path.join(outside, 'secret.ts'), "export type Secret = { field: 'from-the-host' };\n");
  fs.writeFileSync(path.join(outside, 'index.d.ts'), "declare const hostGlobal: 'from-the-host';\n");
  const virtualSrc = fileURLToPath(new URL('../../.virtual-app/src/', import.meta.url));
  const relative = path.relative(virtualSrc, path.join(outside, 'secret'));
  afterAll(() => fs.rmSync(outside, { recursive: true, force: true }));

  it('refuses imports that leave the app, naming them, without reading the file', async () => {
    const recording = checker({ recordFileAccess: true });
    const problems = await recording.check(
      app(
        [
          `import type { Secret } from '${outside}/secret';`,
          `import type { Secret as Again } from '${relative}';`,
          `export const viaAbsolute: Secret = { field: 'other' };`,
          `export const viaRelative: Again = { field: 'other' };`,
          `export const viaType: import('${outside}/secret.ts').Secret = { field: 'other' };`,
          "import { readFileSync } from 'node:fs';",
          "import server from 'react-dom/server';",
          'export { readFileSync, server };',
        ].join('\n'),
      ),
    );
    expect(problems.map(({ line, message }) => ({ line, message }))).toEqual([
      { line: 2, message: `Import '${outside}/secret' is an absolute path or URL: ${absoluteHint}` },
      { line: 3, message: `Import '${relative}' leaves the app: only files under src/ can be imported.` },
      { line: 6, message: `Import '${outside}/secret.ts' is an absolute path or URL: ${absoluteHint}` },
      { line: 7, message: expect.stringMatching(/^Import 'node:fs' is not available to generated apps/) },
      {
        line: 8,
        message: expect.stringMatching(/^Import 'react-dom\/server' is not available to generated apps/),
      },
    ]);
    expect(JSON.stringify(problems)).not.toContain('from-the-host');
    await expectUntouched(recording, outside);
  });

  it('refuses `/// <reference>`s to host files, without reading them', async () => {
    const recording = checker({ recordFileAccess: true });
    const problems = await recording.check([
      {
        path: 'src/App.tsx',
        content: [
          `/// <reference path="${outside}/index.d.ts" />`,
          `/// <reference path="${relative}.ts" />`,
          `/// <reference types="${outside}" />`,
          '/// <reference types="node" />',
          "export const copy: 'other' = hostGlobal;",
          'export default function App() {\n  return null;\n}',
        ].join('\n'),
      },
    ]);
    expect(problems.map(({ line, message }) => ({ line, message }))).toEqual([
      { line: 1, message: `TS6053: File '${outside}/index.d.ts' not found.` },
      { line: 2, message: expect.stringMatching(/^TS6053: File '.*secret\.ts' not found\.$/) },
      { line: 3, message: `TS2688: Cannot find type definition file for '${outside}'.` },
      { line: 4, message: "TS2688: Cannot find type definition file for 'node'." },
      { line: 5, message: "TS2304: Cannot find name 'hostGlobal'." },
    ]);
    await expectUntouched(recording, outside);
  });
});

const absoluteHint = 'import app files by a relative path such as ./Thing.';

/** Nothing outside the type libraries was read, stat'ed or listed by the child, ever. */
async function expectUntouched(recording: TypeChecker, outside: string) {
  const { fileAccess } = await recording.inspect();
  expect(fileAccess?.length).toBeGreaterThan(10); // the recording works: the typings were read
  const touched = (fileAccess ?? []).map((file) => file.toLowerCase());
  expect(touched.filter((file) => file.includes(outside.toLowerCase()))).toEqual([]);
  // TypeScript's own lib directory and the @types packages (and their pnpm links) — nothing else.
  expect(touched.filter((file) => !file.includes('/node_modules/'))).toEqual([]);
}

describe('cancelling', () => {
  it('rejects before and during a check, and the next check still works', async () => {
    const cancellable = checker();
    const before = new AbortController();
    before.abort();
    await expect(cancellable.check(validApp, { signal: before.signal })).rejects.toBeInstanceOf(
      ModelAbortedError,
    );
    await cancellable.check(validApp);
    const during = new AbortController();
    const started = performance.now();
    const pending = cancellable.check(unionBomb(2_000), { signal: during.signal });
    setTimeout(() => during.abort(), 300);
    await expect(pending).rejects.toBeInstanceOf(ModelAbortedError);
    expect(performance.now() - started).toBeLessThan(3_000);
    // The bomb's child is killed after a short grace rather than left to its 20 s limit.
    const next = performance.now();
    expect(await cancellable.check(validApp)).toEqual([]);
    expect(performance.now() - next).toBeLessThan(30_000);
  }, 90_000);

  it('takes a queued check off the queue', async () => {
    const queued = checker();
    const controller = new AbortController();
    const first = queued.check(app('export const first = 1;'));
    const second = queued.check(app('export const second = 2;'), { signal: controller.signal });
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(ModelAbortedError);
    expect(await first).toEqual([]);
  });
});

describe('the child process', () => {
  it("has none of the parent's environment", async () => {
    process.env.TYPECHECK_CANARY = 'canary-7f3a';
    try {
      const isolated = checker();
      // The kernel's view of the child's environment: nothing a process does to itself can hide it.
      const { pid } = await isolated.inspect();
      const initial = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
      expect(initial).not.toContain('canary-7f3a');
      // Only what Node itself puts there for the IPC channel.
      expect(initial.split('\0').filter(Boolean)).toEqual([
        'NODE_CHANNEL_FD=3',
        'NODE_CHANNEL_SERIALIZATION_MODE=json',
      ]);
    } finally {
      delete process.env.TYPECHECK_CANARY;
    }
  });

  it('dying idle leaves the parent running and the next check working', async () => {
    const mortal = checker({ heapLimitMb: 4096, timeoutMs: 60_000 });
    const idle = await mortal.inspect();
    process.kill(idle.pid, 'SIGKILL');
    expect(await mortal.check(validApp)).toEqual([]);
    expect(mortal.pid).not.toBe(idle.pid);
  });

  it('dying mid-check gets the check one more child, then reports it; the next check works', async () => {
    const mortal = checker({ heapLimitMb: 4096, timeoutMs: 60_000 });
    // Killed once mid-check, the check is not blamed: it runs again on a fresh child.
    const slow = mortal.check(unionBomb(20));
    const once = await readyChild(mortal, null);
    await sleep(300);
    process.kill(once, 'SIGKILL');
    expect(await slow).toEqual([]);

    // Killed again on its second child, it is reported, and the checker still works.
    const endless = mortal.check(unionBomb(2_000));
    const first = await readyChild(mortal, null);
    await sleep(300);
    process.kill(first, 'SIGKILL');
    const second = await readyChild(mortal, first);
    await sleep(300);
    process.kill(second, 'SIGKILL');
    expect(await endless).toEqual([
      {
        path: 'src/App.tsx',
        line: null,
        message: 'The type checker stopped while checking this app (SIGKILL).',
        source: 'types',
      },
    ]);
    expect(await mortal.check(validApp)).toEqual([]);
  }, 90_000);

  it('does not keep an idle parent alive: a script that checks once exits by itself', async () => {
    const parentSource = `import(${JSON.stringify(typecheckModule)}).then(async ({ typecheckApp }) => {
  console.log(JSON.stringify(await typecheckApp(${JSON.stringify(validApp)})));
});`;
    const parent = spawnWithTsx(parentSource);
    let output = '';
    parent.stdout.setEncoding('utf8');
    parent.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    const exited = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        parent.kill('SIGKILL');
        resolve(null);
      }, 20_000);
      parent.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(output.trim()).toBe('[]');
    expect(exited).toBe(0);
  });

  it('does not outlive a parent killed with SIGKILL mid-check', async () => {
    const bomb = JSON.stringify(unionBomb(2_000));
    const parentSource = `import(${JSON.stringify(typecheckModule)}).then(async ({ createTypeChecker }) => {
  const checker = createTypeChecker({ heapLimitMb: 4096, timeoutMs: 600000 });
  const { pid } = await checker.inspect();
  checker.check(${bomb});
  setTimeout(() => console.log(pid), 300);
});`;
    const parent = spawnWithTsx(parentSource);
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.setEncoding('utf8');
      parent.stdout.once('data', (line: string) => resolve(Number(line.trim())));
      parent.once('exit', (code) => reject(new Error(`the parent exited early (${code})`)));
    });
    try {
      expect(isRunning(childPid)).toBe(true);
      parent.kill('SIGKILL');
      const deadline = Date.now() + 5_000;
      while (isRunning(childPid) && Date.now() < deadline) await sleep(100);
      expect(isRunning(childPid)).toBe(false);
    } finally {
      if (isRunning(childPid)) process.kill(childPid, 'SIGKILL'); // a failed run leaves no orphan behind
    }
  }, 90_000);
});

const typecheckModule = fileURLToPath(new URL('./typecheck-app.ts', import.meta.url));

/** Another Node process using this module, as a worker would (tsx from the workspace root loads the .ts). */
function spawnWithTsx(source: string) {
  return spawn(process.execPath, ['--import', 'tsx', '-e', source], {
    cwd: fileURLToPath(new URL('../../../../', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the checker's child to be ready, and to be another one than `previous`. */
async function readyChild(typeChecker: TypeChecker, previous: number | null): Promise<number> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { pid } = typeChecker;
    if (pid !== null && pid !== previous) return pid;
    await sleep(20);
  }
  throw new Error('the type-check child did not become ready');
}

/** Alive and not a zombie (nobody may reap an orphan in a container whose pid 1 does not). */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
