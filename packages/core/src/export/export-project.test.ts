import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../blueprint/blueprint.ts';
import { compileBlueprint } from '../compiler/compile-blueprint.ts';
import { dataModulePaths } from '../compiler/data-modules.ts';
import { toolLibrary } from '../compiler/fixtures/blueprints.ts';
import { canaryPayload } from '../testing/hostile-text.ts';
import { ExportError, exportDataPaths, exportFolderName, exportProject } from './export-project.ts';
import { adapterChoicePath, exportDependencies, exportInfoPath } from './project-scaffold.ts';
import { workspacePackageDirectory } from './testing-toolchain.ts';

const appId = '6f0c1c58-5d0e-4c51-9a3e-2a9f6f2f0a11';

const hostile = `</script><script>${canaryPayload}</script> */ \${x} \`tick\` \u2028 \u2029 <!-- "q" 's\n\`\`\`\n# heading`;

function hostileBlueprint(): Blueprint {
  const base = structuredClone(toolLibrary);
  base.title = `Tools ${hostile}`;
  base.summary = hostile;
  const [tool] = base.entities;
  if (!tool) throw new Error('fixture changed');
  tool.name = `Tool ${hostile}`;
  return base;
}

function exportOf(blueprint: Blueprint) {
  const files = compileBlueprint(blueprint, { today: '2025-03-10' });
  return {
    files,
    project: exportProject({ appId, versionNumber: 3, title: blueprint.title, appName: 'Tools', files }),
  };
}

const contentOf = (files: { path: string; content: string }[], path: string) =>
  files.find((file) => file.path === path)?.content;

/** The JSON literal a data module assigns (`= {…};`), parsed: it must read back as the data that went in. */
function literalOf(source: string): unknown {
  const start = source.indexOf('= ');
  return JSON.parse(source.slice(start + 2, source.lastIndexOf(';')));
}

describe('exportProject', () => {
  it("is the version's src/ as it is plus a Vite + React + TypeScript scaffold", () => {
    const { files, project } = exportOf(toolLibrary);
    const paths = project.map((file) => file.path);
    for (const path of [
      'package.json',
      'index.html',
      'vite.config.ts',
      'tsconfig.json',
      'README.md',
      'src/main.tsx',
      'src/App.tsx',
      exportInfoPath,
      adapterChoicePath,
    ])
      expect(paths).toContain(path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const file of files) {
      if (file.path === adapterChoicePath) continue;
      expect(contentOf(project, file.path)).toBe(file.content);
    }
    expect(contentOf(project, 'index.html')).toContain('<script type="module" src="/src/main.tsx"></script>');
    expect(contentOf(project, 'src/main.tsx')).toContain("import App from './App';");
  });

  it('chooses localStorage under a key of its own app', () => {
    const { project } = exportOf(toolLibrary);
    const choice = contentOf(project, adapterChoicePath) ?? '';
    expect(literalOf(choice)).toEqual({ kind: 'local', storageKey: `app-records:${appId}` });
    // The template's own choice is the host page's; the export's replaces it.
    expect(contentOf(compileBlueprint(toolLibrary), adapterChoicePath)).toContain("kind: 'host'");
  });

  it('pins every dependency to the exact version this repository builds apps with', () => {
    const { project } = exportOf(toolLibrary);
    const manifest = JSON.parse(contentOf(project, 'package.json') ?? '{}') as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(manifest.dependencies).toEqual(exportDependencies.dependencies);
    expect(manifest.devDependencies).toEqual(exportDependencies.devDependencies);
    expect(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).sort()).toEqual(
      [
        '@types/react',
        '@types/react-dom',
        '@vitejs/plugin-react',
        'react',
        'react-dom',
        'typescript',
        'vite',
      ].sort(),
    );
    // The versions the builder bundles, type-checks and runs apps with are the pins.
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      const installed = JSON.parse(
        readFileSync(path.join(workspacePackageDirectory(name), 'package.json'), 'utf8'),
      ) as { version: string };
      expect(installed.version, name).toBe(version);
    }
    expect(manifest.scripts.dev).toBe('vite');
    expect(manifest.scripts.build).toBe('tsc --noEmit && vite build');
  });

  it('carries text from the blueprint only in data modules, as data that reads back exactly', () => {
    const blueprint = hostileBlueprint();
    const { project } = exportOf(blueprint);
    const dataPaths = new Set([...dataModulePaths, ...exportDataPaths]);
    for (const file of project) {
      if (dataPaths.has(file.path)) continue;
      expect(file.content, file.path).not.toContain(canaryPayload);
      expect(file.content, file.path).not.toContain('Tools </');
    }
    for (const path of [exportInfoPath, adapterChoicePath]) {
      const content = contentOf(project, path) ?? '';
      for (const raw of ['</', '<!--', '*/', '${', '`', '\u2028', '\u2029'])
        expect(content, path).not.toContain(raw);
    }
    expect(literalOf(contentOf(project, exportInfoPath) ?? '')).toEqual({
      title: blueprint.title,
      versionNumber: 3,
    });

    // README: the title is one JSON line inside a fence it cannot close, and reads back as typed.
    const readme = contentOf(project, 'README.md') ?? '';
    const lines = readme.split('\n');
    const fence = lines.indexOf('```json');
    expect(fence).toBeGreaterThan(0);
    expect(lines[fence + 2]).toBe('```');
    expect(JSON.parse(lines[fence + 1] ?? '')).toBe(blueprint.title);
    // The title's own newline, fence and heading stayed inside the string: no line of theirs.
    expect(lines).not.toContain('# heading');
    expect(lines.filter((line) => line.startsWith('```'))).toEqual(['```json', '```', '```sh', '```']);
    expect(readme).toContain('npm install\nnpm run dev');
    expect(readme).toContain('localStorage');
  });

  it("replaces a version's own entry, keeps only src/, and refuses a version with no App.tsx", () => {
    const files = [
      { path: 'src/App.tsx', content: 'export default function App() { return null; }\n' },
      { path: 'src/main.tsx', content: 'throw new Error("not the export\'s entry");\n' },
      { path: '../escape.ts', content: 'x' },
      { path: 'package.json', content: '{"scripts":{"postinstall":"curl evil"}}' },
    ];
    const project = exportProject({ appId, versionNumber: 1, title: null, appName: 'Old App', files });
    expect(contentOf(project, 'src/main.tsx')).toContain('createRoot');
    expect(contentOf(project, 'package.json')).not.toContain('postinstall');
    expect(project.map((file) => file.path)).not.toContain('../escape.ts');
    expect(literalOf(contentOf(project, exportInfoPath) ?? '')).toEqual({
      title: 'Old App',
      versionNumber: 1,
    });
    expect(() =>
      exportProject({
        appId,
        versionNumber: 1,
        title: 'T',
        appName: 'T',
        files: [{ path: 'src/x.ts', content: '' }],
      }),
    ).toThrow(ExportError);
  });

  it('names the download from the title in plain letters and digits only', () => {
    expect(exportFolderName('Tool Library', 3)).toBe('tool-library-v3');
    expect(exportFolderName(hostile, 2)).toMatch(/^[a-z0-9-]+-v2$/);
    expect(exportFolderName('日本語', 1)).toBe('app-v1');
    expect(exportFolderName('Café Bookings', 4)).toBe('cafe-bookings-v4');
  });
});
