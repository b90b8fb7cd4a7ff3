import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptanceChecks } from '../compiler/acceptance-checks.ts';
import { compileBlueprint } from '../compiler/compile-blueprint.ts';
import { toolLibrary } from '../compiler/fixtures/blueprints.ts';
import { createTestVerifier } from '../testing/test-verifier.ts';
import { exportFolderName, exportProject } from './export-project.ts';
import { linkWorkspaceToolchain } from './testing-toolchain.ts';
import { zipProject } from './zip-project.ts';

/**
 * The export as a person gets it: zipped, unzipped by Info-ZIP's unzip, built by its own
 * `npm run build` (tsc, then vite) and opened in the sandboxed browser. Without a registry the
 * node_modules are links to this workspace's copies of exactly the pinned versions
 * (export-project.test.ts checks they are the pins); EXPORT_NPM_INSTALL=1 also runs a real
 * `npm install` from the registry.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'exported-project-'));
const folder = exportFolderName(toolLibrary.title, 2);
const blueprintFiles = compileBlueprint(toolLibrary);
const project = exportProject({
  appId: '2c1d6a0e-8f1b-4c2d-9e3f-4a5b6c7d8e9f',
  versionNumber: 2,
  title: toolLibrary.title,
  appName: 'Tool Library',
  files: blueprintFiles,
});

function unzipInto(target: string): string {
  const zipPath = path.join(scratch, `${path.basename(target)}.zip`);
  writeFileSync(zipPath, zipProject(project, { folder, modifiedAt: new Date() }));
  execFileSync('unzip', ['-q', zipPath, '-d', target]);
  return path.join(target, folder);
}

function npm(args: string[], cwd: string): string {
  // A clean environment apart from PATH/HOME: the build must not lean on anything of the builder's.
  return execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', npm_config_update_notifier: 'false' },
  });
}

function builtBundle(projectDirectory: string): { js: string; css: string } {
  const dist = path.join(projectDirectory, 'dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const script = /<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"><\/script>/.exec(html)?.[1];
  const style = /<link rel="stylesheet" crossorigin href="\/(assets\/[^"]+\.css)">/.exec(html)?.[1];
  if (!script || !style) throw new Error(`Unexpected dist/index.html:\n${html}`);
  return {
    js: readFileSync(path.join(dist, script), 'utf8'),
    css: readFileSync(path.join(dist, style), 'utf8'),
  };
}

const verifier = createTestVerifier({ cpuLimitMs: 20_000, wallLimitMs: 60_000 });
afterAll(async () => {
  await verifier.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('an exported project, built on its own', () => {
  let projectDirectory = '';
  let buildOutput = '';
  beforeAll(() => {
    projectDirectory = unzipInto(path.join(scratch, 'linked'));
    linkWorkspaceToolchain(projectDirectory);
    buildOutput = npm(['run', 'build'], projectDirectory);
  }, 180_000);

  it('type-checks and builds with its own npm run build', () => {
    expect(buildOutput).toContain('tsc --noEmit && vite build');
    expect(buildOutput).toMatch(/built in/);
    const assets = readdirSync(path.join(projectDirectory, 'dist', 'assets'));
    expect(assets.some((name) => name.endsWith('.js'))).toBe(true);
    expect(assets.some((name) => name.endsWith('.css'))).toBe(true);
  });

  it('fails its type check when the app has a type error (the check is real)', () => {
    const broken = unzipInto(path.join(scratch, 'broken'));
    linkWorkspaceToolchain(broken);
    writeFileSync(
      path.join(broken, 'src', 'export-info.ts'),
      'export const exportInfo: { title: string; versionNumber: number } = { title: 42, versionNumber: 1 };\n',
    );
    let output = '';
    try {
      npm(['run', 'typecheck'], broken);
    } catch (error) {
      output = String((error as { stdout?: unknown }).stdout ?? '');
    }
    expect(output).toMatch(/src\/export-info\.ts.*TS2322/);
  });

  it("renders in the sandboxed browser and passes the app's acceptance checks, records created included", {
    timeout: 120_000,
  }, async () => {
    const result = await verifier.verifyApp({ ...builtBundle(projectDirectory), sourceMap: null }, [
      ...acceptanceChecks(toolLibrary),
    ]);
    const failed = result.checks.filter((check) => !check.ok).map((check) => `${check.id}: ${check.detail}`);
    expect(failed).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    const titles = result.checks.map((check) => check.title);
    expect(titles).toContain('The app renders without errors');
    expect(titles).toContain('A new Member appears in the Members table');
  });
});

describe.runIf(process.env.EXPORT_NPM_INSTALL === '1')('an exported project from the npm registry', () => {
  it('installs with npm install and builds with npm run build', { timeout: 600_000 }, () => {
    const directory = unzipInto(path.join(scratch, 'registry'));
    const started = Date.now();
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline'], directory);
    const installed = Date.now();
    const output = npm(['run', 'build'], directory);
    console.log(
      `npm install ${((installed - started) / 1000).toFixed(1)} s, npm run build ${((Date.now() - installed) / 1000).toFixed(1)} s`,
    );
    expect(output).toMatch(/built in/);
    const manifest = JSON.parse(
      readFileSync(path.join(directory, 'node_modules', 'react', 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(manifest.version).toBe('19.3.1');
  });
});
