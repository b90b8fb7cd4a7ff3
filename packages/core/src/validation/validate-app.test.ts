import { afterAll, describe, expect, it } from 'vitest';
import { ModelAbortedError } from '../errors.ts';
import { createTestVerifier } from '../testing/test-verifier.ts';
import { bundleApp } from './bundle-app.ts';
import { typecheckApp } from './typecheck-app.ts';
import { validateApp } from './validate-app.ts';

const counter = `import { useState } from 'react';
import { Label } from './Label';
import './styles.css';

export default function App() {
  const [count, setCount] = useState(() => Number(localStorage.getItem('count') ?? '0'));
  return <button type="button" onClick={() => setCount(count + 1)}><Label count={count} /></button>;
}
`;
const label = `export function Label({ count }: { count: number }) {
  return <span>Clicked {count} times</span>;
}
`;
const validApp = [
  { path: 'src/App.tsx', content: counter },
  { path: 'src/Label.tsx', content: label },
  { path: 'src/styles.css', content: ':root { --accent: teal; } button { color: var(--accent); }' },
];
const withFile = (path: string, content: string) => [
  ...validApp.filter((file) => file.path !== path),
  { path, content },
];

describe('bundleApp', () => {
  it('bundles React from core itself and separates the CSS', async () => {
    const result = await bundleApp(validApp, { minify: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.js).toContain('Clicked');
    expect(result.js).not.toMatch(/https?:\/\/(unpkg|cdn|esm\.sh)/);
    expect(result.css).toContain('--accent');
  });

  it('reports a syntax error at its file and line', async () => {
    const result = await bundleApp(
      withFile('src/Label.tsx', `export function Label() {\n  const broken = ;\n  return null;\n}\n`),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ path: 'src/Label.tsx', line: 2, source: 'bundle' });
  });

  it('rejects an import outside the allow-list, located at the import', async () => {
    const result = await bundleApp(
      withFile(
        'src/Label.tsx',
        `import confetti from 'canvas-confetti';\n\nexport function Label() {\n  confetti();\n  return null;\n}\n`,
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ path: 'src/Label.tsx', line: 1, source: 'bundle' });
    expect(result.problems[0]?.message).toContain('canvas-confetti');
  });

  it('requires src/App.tsx to default-export the root component', async () => {
    const result = await bundleApp(withFile('src/App.tsx', 'export function App() { return null; }\n'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/default export/);
  });
});

describe('typecheckApp', () => {
  it('accepts a valid app and resolves @types/react from core', async () => {
    expect(await typecheckApp(validApp)).toEqual([]);
  });

  it('reports a type error at its file and line', async () => {
    const problems = await typecheckApp(
      withFile(
        'src/Label.tsx',
        `export function Label({ count }: { count: number }) {\n  const text: string = count;\n  return <span>{text}</span>;\n}\n`,
      ),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: 'src/Label.tsx', line: 2, source: 'types' });
    expect(problems[0]?.message).toContain("Type 'number' is not assignable to type 'string'");
  });

  it("runs off the caller's thread: timers keep firing while a check runs", async () => {
    await typecheckApp(validApp); // warm, so what follows is a warm check of a changed app
    let timerFired = false;
    setTimeout(() => {
      timerFired = true;
    }, 0);
    const problems = await typecheckApp(
      withFile('src/Extra.tsx', `export function Extra() {\n  return <span>{${Date.now()}}</span>;\n}\n`),
    );
    expect(problems).toEqual([]);
    // On the caller's thread the check would run to completion before any timer could fire.
    expect(timerFired).toBe(true);
  });

  it('stops waiting when cancelled, and the next check still works', async () => {
    const before = new AbortController();
    before.abort();
    await expect(typecheckApp(validApp, { signal: before.signal })).rejects.toBeInstanceOf(ModelAbortedError);
    // Cancelled while the thread is checking (a changed app takes tens of ms even when warm).
    const during = new AbortController();
    const pending = typecheckApp(withFile('src/Extra.tsx', `export const extra: number = ${Date.now()};\n`), {
      signal: during.signal,
    });
    setTimeout(() => during.abort(), 1);
    await expect(pending).rejects.toBeInstanceOf(ModelAbortedError);
    expect(await typecheckApp(validApp)).toEqual([]);
  });
});

describe('validateApp', () => {
  const verifier = createTestVerifier();
  afterAll(() => verifier.close());

  it('accepts a valid app with its checks, and prints how long bundling and validation take', async () => {
    await validateApp(validApp, { verifier }); // warm: the type checker and the browser start once
    const tenFiles = [
      ...validApp,
      ...Array.from({ length: 7 }, (_, index) => ({
        path: `src/Part${index}.tsx`,
        content: `export function Part${index}() {\n  return <p>part ${index}</p>;\n}\n`,
      })),
    ];
    let started = performance.now();
    const bundled = await bundleApp(tenFiles);
    const bundleMs = performance.now() - started;
    started = performance.now();
    const result = await validateApp(tenFiles, { verifier });
    const validateMs = performance.now() - started;
    console.log(
      `bundleApp (10 files): ${bundleMs.toFixed(0)} ms; validateApp (10 files): ${validateMs.toFixed(0)} ms`,
    );
    expect(bundled.ok).toBe(true);
    expect(result).toEqual({
      ok: true,
      problems: [],
      checks: [
        { id: 'renders', title: 'The app renders without errors', ok: true, detail: expect.any(String) },
      ],
    });
  });

  it('runs the app in the browser: a render error fails it, with its location', async () => {
    const result = await validateApp(
      withFile(
        'src/Label.tsx',
        `export function Label(props: { count: number }) {\n  if (props.count === 0) {\n    throw new Error('no clicks yet');\n  }\n  return null;\n}\n`,
      ),
      { verifier },
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({
      path: 'src/Label.tsx',
      line: 3,
      message: 'The app threw Error: no clicks yet',
      source: 'render',
    });
    expect(result.checks[0]).toMatchObject({ id: 'renders', ok: false });
  });

  it('does not run the app when the bundle fails, but still reports type errors', async () => {
    const result = await validateApp(
      withFile('src/Label.tsx', `export function Label() {\n  return <span>;\n}\n`),
      {
        verifier,
      },
    );
    expect(result.ok).toBe(false);
    expect(result.problems.some((problem) => problem.source === 'bundle')).toBe(true);
    expect(result.problems.some((problem) => problem.source === 'render')).toBe(false);
    expect(result.checks).toEqual([
      {
        id: 'renders',
        title: 'The app renders without errors',
        ok: false,
        detail: 'Not run: the app does not build',
      },
    ]);
  });

  it('fails a type error even when the app runs', async () => {
    const result = await validateApp(
      withFile(
        'src/Label.tsx',
        `export function Label(props: { count: number }) {\n  const count: number = String(props.count);\n  return <span>{count}</span>;\n}\n`,
      ),
      { verifier },
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ path: 'src/Label.tsx', line: 2, source: 'types' }),
    ]);
    expect(result.checks[0]?.ok).toBe(true);
  });
});
