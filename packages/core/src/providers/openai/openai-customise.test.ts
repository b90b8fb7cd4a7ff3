import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileBlueprint } from '../../compiler/compile-blueprint.ts';
import { toolLibrary } from '../../compiler/fixtures/blueprints.ts';
import type { NewEvent } from '../../events.ts';
import { generateApp, type ValidateFiles } from '../../generation/generate-app.ts';
import type { Fact } from '../../ledger.ts';
import {
  completionReply,
  type OpenAiWireServer,
  startOpenAiWireServer,
} from '../../testing/openai-wire-server.ts';
import type { AppFile } from '../../validation/app-files.ts';
import { renderCheckId, renderCheckTitle } from '../../validation/browser/checks.ts';
import { createOpenAiModel } from './openai-model.ts';

let server: OpenAiWireServer;
beforeEach(async () => {
  server = await startOpenAiWireServer();
});
afterEach(async () => {
  await server.close();
});

const compile = { today: '2025-01-15', seed: 7 };
const requirement: Fact = {
  id: randomUUID(),
  kind: 'requirement',
  text: 'Show who has the most tools out',
  source: { kind: 'request' },
};

/**
 * What verification was handed, with a passing verdict: this test is about which files a
 * customise reply can change, not about how the app runs (the browser tests cover that).
 */
function recordingValidator(): { validate: ValidateFiles; seen: AppFile[][] } {
  const seen: AppFile[][] = [];
  return {
    seen,
    validate: async (files) => {
      seen.push([...files]);
      return {
        ok: true,
        problems: [],
        checks: [{ id: renderCheckId, title: renderCheckTitle, ok: true, detail: '' }],
      };
    },
  };
}

describe('an openai customise reply', () => {
  it('changes nothing outside src/custom/, whatever paths it names', async () => {
    const hostile = 'export default function App() { return null; }\n';
    server.enqueue(
      completionReply({
        files: [
          { path: 'src/App.tsx', content: hostile },
          { path: '../../etc/passwd', content: 'root::0:0::/:/bin/sh\n' },
          { path: '/etc/hosts', content: '127.0.0.1 evil\n' },
          { path: 'src/custom/../App.tsx', content: hostile },
          { path: 'src/custom/../../package.json', content: '{}' },
          { path: 'src\\custom\\..\\schema.ts', content: 'export {};\n' },
          { path: 'src/customisation.ts', content: 'export {};\n' },
          { path: 'src/custom/Report.tsx', content: 'export const Report = () => null;\n' },
        ],
        deletedPaths: ['src/schema.ts', 'src/custom/../extensions.ts', '../../etc'],
      }),
    );
    const model = createOpenAiModel({
      apiKey: 'test-key',
      baseURL: server.baseURL,
      questioningModel: 'gpt-4o-mini',
      generationModel: 'gpt-4.1',
      timeoutMs: 2_000,
      retry: { backoffBaseMs: 5, backoffMaxMs: 20 },
    });
    const { validate, seen } = recordingValidator();
    const events: NewEvent[] = [];
    const result = await generateApp(
      { model, validate },
      {
        request: 'A tool library',
        kind: 'create',
        ledger: [requirement],
        blueprint: toolLibrary,
        currentVersion: null,
        compile,
      },
      { emit: async (event) => void events.push(event) },
    );

    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify(server.requests[0]?.body)).toContain('Show who has the most tools out');
    expect(result.outcome).toBe('built');

    const compiled = compileBlueprint(toolLibrary, compile);
    const outside = (files: readonly AppFile[]) =>
      files.filter((file) => !file.path.startsWith('src/custom/'));
    const byPath = (a: AppFile, b: AppFile) => (a.path < b.path ? -1 : 1);
    // Every compiled file exactly as compiled, and nothing else outside src/custom/.
    expect(outside(result.files).sort(byPath)).toEqual(outside(compiled).sort(byPath));
    expect(seen.map((files) => outside(files).length)).toEqual([outside(compiled).length]);
    expect(
      result.files.filter((file) => file.path.startsWith('src/custom/')).map((file) => file.path),
    ).toEqual(['src/custom/Report.tsx', 'src/custom/index.ts']);
    const written = events.flatMap((event) => (event.type === 'file_written' ? [event.data.path] : []));
    expect(written.filter((path) => !compiled.some((file) => file.path === path))).toEqual([
      'src/custom/Report.tsx',
    ]);
  });
});
