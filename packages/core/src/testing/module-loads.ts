import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const recorder = pathToFileURL(path.join(import.meta.dirname, 'record-module-loads.mjs')).href;
const startMarker = 'data:text/javascript,/*start-of-entry*/';
const endMarker = 'data:text/javascript,/*end-of-entry*/';

export interface ModuleLoads {
  /** Every URL the ESM loader loaded for the entry (files, packages, `node:` built-ins), in order. */
  esm: string[];
  /** Files in the CommonJS cache afterwards (CommonJS packages load their own files with require). */
  commonJs: string[];
}

/**
 * Imports `specifier` in a fresh Node process (TypeScript through tsx, as the apps run) and lists
 * what that loaded: the only way to see what an entry point really pulls in, since a test
 * process has long loaded everything else. `cwd` decides how the specifier resolves.
 */
export async function moduleLoadsOf(specifier: string, cwd: string): Promise<ModuleLoads> {
  const directory = await mkdtemp(path.join(tmpdir(), 'module-loads-'));
  const logFile = path.join(directory, 'loads.txt');
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(recorder)},{data:{logFile:${JSON.stringify(logFile)}}});`;
  // Only what loads between the two marker imports is the entry's; the CommonJS cache is diffed
  // the same way (tsx itself, loaded before, is not the entry's).
  const script = [
    `const { createRequire } = await import('node:module');`,
    `const cache = createRequire(import.meta.url).cache;`,
    `const before = new Set(Object.keys(cache));`,
    `await import(${JSON.stringify(startMarker)});`,
    `await import(${JSON.stringify(specifier)});`,
    `await import(${JSON.stringify(endMarker)});`,
    `console.log(JSON.stringify(Object.keys(cache).filter((key) => !before.has(key))));`,
  ].join('\n');
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--import', register, '--input-type=module', '--eval', script],
      { cwd, maxBuffer: 16 * 1024 * 1024 },
    );
    const lines = (await readFile(logFile, 'utf8')).split('\n').filter(Boolean);
    const start = lines.indexOf(startMarker);
    const end = lines.indexOf(endMarker);
    if (start < 0 || end < 0) throw new Error(`the import of ${specifier} never finished:\n${stdout}`);
    return {
      esm: lines.slice(start + 1, end),
      commonJs: JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as string[],
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The installed package a loaded URL or path belongs to (`openai`, `@types/node`), or null. */
export function packageOf(urlOrPath: string): string | null {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(urlOrPath);
  return match?.[1] ?? null;
}
