import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { zipProject } from './zip-project.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'zip-project-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const files = [
  { path: 'package.json', content: '{ "name": "x" }\n' },
  {
    path: 'src/App.tsx',
    content: `export default function App() { return <p>${'é🚀 '.repeat(2_000)}</p>; }\n`,
  },
  { path: 'src/data/adapter-choice.ts', content: 'export const adapterChoice = { "kind": "local" };\n' },
  { path: 'README.md', content: '' },
];
const modifiedAt = new Date(2026, 5, 15, 10, 30, 0);

describe('zipProject', () => {
  it('round-trips through the system unzip and through fflate, every file under the folder', () => {
    const zip = zipProject(files, { folder: 'tool-library-v3', modifiedAt });
    const zipPath = path.join(scratch, 'project.zip');
    writeFileSync(zipPath, zip);
    // Info-ZIP's unzip, a reader that shares no code with the writer: -t tests every entry's CRC.
    expect(execFileSync('unzip', ['-tq', zipPath], { encoding: 'utf8' })).toContain('No errors detected');
    const listed = execFileSync('unzip', ['-Z1', zipPath], { encoding: 'utf8' }).trim().split('\n');
    expect(listed.sort()).toEqual(files.map((file) => `tool-library-v3/${file.path}`).sort());
    const out = path.join(scratch, 'out');
    execFileSync('unzip', ['-q', zipPath, '-d', out]);
    for (const file of files)
      expect(readFileSync(path.join(out, 'tool-library-v3', file.path), 'utf8')).toBe(file.content);

    const entries = unzipSync(zip);
    expect(new TextDecoder().decode(entries['tool-library-v3/src/App.tsx'])).toBe(files[1]?.content);
    // Deflated: the repetitive App.tsx shrinks well below its size.
    expect(zip.byteLength).toBeLessThan(Buffer.byteLength(files[1]?.content ?? '') / 4);
  });

  it('stamps each entry with the given time, so the same version zips to the same bytes', () => {
    const first = zipProject(files, { folder: 'a-v1', modifiedAt });
    const second = zipProject(files, { folder: 'a-v1', modifiedAt });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const zipPath = path.join(scratch, 'stamped.zip');
    writeFileSync(zipPath, first);
    const verbose = execFileSync('unzip', ['-Z', '-T', zipPath], { encoding: 'utf8' });
    expect(verbose).toContain('20260615.103000');
  });

  it('refuses a path that would leave the folder when unzipped', () => {
    for (const bad of [
      '../x.ts',
      'src/../../x.ts',
      '/etc/passwd',
      'src\\..\\x.ts',
      'C:/x.ts',
      'src//x.ts',
      'a\u0000b',
    ])
      expect(() => zipProject([{ path: bad, content: '' }], { folder: 'a-v1', modifiedAt }), bad).toThrow(
        /Refusing to zip/,
      );
    expect(() => zipProject([], { folder: '..', modifiedAt })).toThrow(/Refusing to zip/);
  });
});
