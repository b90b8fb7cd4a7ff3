import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelAbortedError } from '../errors.ts';
import type { NewEvent, Problem } from '../events.ts';
import type { Fact } from '../ledger.ts';
import { createScriptedModel } from '../testing/scripted-model.ts';
import { createTestVerifier } from '../testing/test-verifier.ts';
import { generateApp, maxFixAttempts } from './generate-app.ts';
import { generationTasks } from './task-schemas.ts';

const ledger: Fact[] = [
  {
    id: randomUUID(),
    kind: 'goal',
    text: 'A counter for visitors',
    source: { kind: 'request' },
    topic: 'purpose',
  },
];

const goodApp = `import { useState } from 'react';\n\nexport default function App() {\n  const [count, setCount] = useState(0);\n  return <button type="button" onClick={() => setCount(count + 1)}>{count}</button>;\n}\n`;
const typeError = `export default function App() {\n  const count: number = 'many';\n  return <p>{count}</p>;\n}\n`;
const otherTypeError = `export default function App() {\n  const label: string = 42;\n  return <p>{label}</p>;\n}\n`;

const plan = {
  summary: 'A counter',
  steps: [
    { title: 'Shell', phase: 'scaffold', description: 'The app shell', files: ['src/App.tsx'] },
    { title: 'Styles', phase: 'styling', description: 'Colours', files: ['src/styles.css'] },
  ],
};
const write = (files: { path: string; content: string }[], deletedPaths: string[] = []) => ({
  output: { files, deletedPaths },
});

function recorder() {
  const events: NewEvent[] = [];
  return {
    events,
    emit: async (event: NewEvent) => void events.push(event),
    types: () => events.map((e) => e.type),
  };
}

const input = {
  request: 'A visitor counter',
  kind: 'create' as const,
  ledger,
  blueprint: null,
  currentVersion: null,
};

describe('generateApp', () => {
  const verifier = createTestVerifier();
  afterAll(() => verifier.close());

  it('plans, writes step by step, validates and returns the files', async () => {
    const model = createScriptedModel({ usage: { inputTokens: 100, outputTokens: 50, costUsd: 0.01 } })
      .enqueue(generationTasks.plan, { output: plan })
      .enqueue(
        generationTasks.writeStep,
        write([{ path: 'src/App.tsx', content: goodApp }]),
        write([{ path: 'src/styles.css', content: 'button { font-size: 2rem; }' }]),
      );
    const hooks = recorder();
    const result = await generateApp({ model, verifier }, input, hooks);

    expect(result.ok).toBe(true);
    expect(result.files.map((file) => file.path)).toEqual(['src/App.tsx', 'src/styles.css']);
    expect(result.usage).toMatchObject({ inputTokens: 300, outputTokens: 150 });
    expect(hooks.types()).toEqual([
      'usage',
      'plan_created',
      'step_started',
      'usage',
      'file_written',
      'step_completed',
      'step_started',
      'usage',
      'file_written',
      'step_completed',
      'validation_finished',
    ]);
    expect(hooks.events[1]).toEqual({
      type: 'plan_created',
      data: {
        steps: [
          { index: 0, title: 'Shell', phase: 'scaffold', files: ['src/App.tsx'] },
          { index: 1, title: 'Styles', phase: 'styling', files: ['src/styles.css'] },
        ],
      },
    });
    expect(model.pending()).toEqual({});
  });

  it('feeds validation problems to the fix step and succeeds once they are fixed', async () => {
    const model = createScriptedModel()
      .enqueue(generationTasks.plan, { output: { ...plan, steps: plan.steps.slice(0, 1) } })
      .enqueue(generationTasks.writeStep, write([{ path: 'src/App.tsx', content: typeError }]))
      .enqueue(generationTasks.fix, write([{ path: 'src/App.tsx', content: goodApp }]));
    const hooks = recorder();
    const result = await generateApp({ model, verifier }, input, hooks);

    expect(result.ok).toBe(true);
    const fixInput = model.callsFor(generationTasks.fix)[0]?.input as {
      problems: Problem[];
      attempt: number;
    };
    expect(fixInput.attempt).toBe(1);
    expect(fixInput.problems[0]).toMatchObject({ path: 'src/App.tsx', line: 2, source: 'types' });
    const fixStarted = hooks.events.find((event) => event.type === 'fix_started');
    expect(fixStarted?.data).toMatchObject({ attempt: 1 });
    expect(
      hooks.events.filter((event) => event.type === 'validation_finished').map((event) => event.data),
    ).toEqual([
      expect.objectContaining({ ok: false }),
      // The verdict carries the harness's checks: the app was really run in the browser.
      {
        ok: true,
        problems: [],
        checks: [
          { id: 'renders', title: 'The app renders without errors', ok: true, detail: expect.any(String) },
        ],
      },
    ]);
  });

  it('stops early when a fix brings back the same problems', async () => {
    const model = createScriptedModel()
      .enqueue(generationTasks.plan, { output: { ...plan, steps: plan.steps.slice(0, 1) } })
      .enqueue(generationTasks.writeStep, write([{ path: 'src/App.tsx', content: typeError }]))
      // Different text, same error: the fingerprint ignores the moved line.
      .enqueue(generationTasks.fix, write([{ path: 'src/App.tsx', content: `\n${typeError}` }]), write([]));
    const hooks = recorder();
    const result = await generateApp({ model, verifier }, input, hooks);

    expect(result.ok).toBe(false);
    expect(model.callsFor(generationTasks.fix)).toHaveLength(1);
    expect(model.pending()).toEqual({ [generationTasks.fix]: 1 });
    if (!result.ok) expect(result.problems[0]).toMatchObject({ source: 'types', line: 3 });
  });

  it('gives up after the capped fix attempts with a model that never fixes, returning the problems', async () => {
    let calls = 0;
    const model = createScriptedModel()
      .enqueue(generationTasks.plan, { output: { ...plan, steps: plan.steps.slice(0, 1) } })
      .enqueue(generationTasks.writeStep, write([{ path: 'src/App.tsx', content: typeError }]));
    // Each "fix" makes a different broken app, so the fingerprint never repeats: only the cap ends it.
    for (let index = 0; index < 5; index += 1) {
      model.enqueue(generationTasks.fix, {
        respond: () => {
          calls += 1;
          return {
            files: [{ path: 'src/App.tsx', content: calls % 2 ? otherTypeError : typeError }],
            deletedPaths: [],
          };
        },
      });
    }
    const hooks = recorder();
    const result = await generateApp({ model, verifier }, input, hooks);

    expect(result.ok).toBe(false);
    expect(calls).toBe(maxFixAttempts);
    expect(hooks.events.filter((event) => event.type === 'fix_started').map((event) => event.data)).toEqual([
      expect.objectContaining({ attempt: 1 }),
      expect.objectContaining({ attempt: 2 }),
    ]);
    if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
  });

  it('applies a change on top of the current files, including deletions', async () => {
    const model = createScriptedModel()
      .enqueue(generationTasks.plan, {
        output: {
          summary: 'Drop the old widget',
          steps: [{ title: 'Edit', phase: 'logic', description: '', files: ['src/App.tsx'] }],
        },
      })
      .enqueue(
        generationTasks.writeStep,
        write([{ path: 'src/App.tsx', content: goodApp }], ['src/Old.tsx']),
      );
    const current = [
      {
        path: 'src/App.tsx',
        content: `import { Old } from './Old';\n\nexport default function App() {\n  return <Old />;\n}\n`,
      },
      { path: 'src/Old.tsx', content: 'export function Old() {\n  return <p>old</p>;\n}\n' },
      { path: 'src/styles.css', content: 'p { color: red; }' },
    ];
    const result = await generateApp(
      { model, verifier },
      { ...input, kind: 'change', request: 'Make it a counter', currentVersion: { files: current } },
      recorder(),
    );

    expect(result.ok).toBe(true);
    expect(result.files.map((file) => file.path)).toEqual(['src/App.tsx', 'src/styles.css']);
    const planInput = model.callsFor(generationTasks.plan)[0]?.input as { currentFiles: unknown[] };
    expect(planInput.currentFiles).toHaveLength(3);
  });

  it('stops between steps when the job is cancelled, with the core abort error', async () => {
    const controller = new AbortController();
    const model = createScriptedModel()
      .enqueue(generationTasks.plan, { output: plan })
      .enqueue(generationTasks.writeStep, {
        respond: () => {
          controller.abort();
          return { files: [{ path: 'src/App.tsx', content: goodApp }], deletedPaths: [] };
        },
      });
    const hooks = recorder();
    await expect(
      generateApp({ model, verifier }, { ...input, signal: controller.signal }, hooks),
    ).rejects.toBeInstanceOf(ModelAbortedError);
    expect(model.callsFor(generationTasks.writeStep)).toHaveLength(1);
    expect(hooks.types()).not.toContain('validation_finished');
  });
});
