import { strToU8, type Zippable, zipSync } from 'fflate';
import type { AppFile } from '../validation/app-files.ts';

export interface ZipOptions {
  /** Every entry goes under this folder, so unzipping makes one directory, not a heap of files. */
  folder: string;
  /** Each entry's modification time (zip keeps 1980–2107, to the even second). */
  modifiedAt: Date;
}

// Names Windows, macOS and Linux unzip alike: no separators, drive colons, wildcards or control characters.
const unsafeCharacters = /[\\/:*?"<>|]/;

function hasControlCharacter(text: string): boolean {
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Rejects a path that could leave the folder when unzipped (zip-slip) or that no unzip reads back. */
function assertSafePath(path: string): void {
  const segments = path.split('/');
  if (
    segments.some(
      (segment) =>
        segment === '' ||
        segment === '.' ||
        segment === '..' ||
        unsafeCharacters.test(segment) ||
        hasControlCharacter(segment),
    )
  )
    throw new Error(`Refusing to zip the path ${JSON.stringify(path)}`);
}

const zipEpoch = new Date(1980, 0, 1, 12);

/** The project as a deflated .zip (fflate): small text files, so in memory at once is fine. */
export function zipProject(files: readonly AppFile[], options: ZipOptions): Uint8Array {
  assertSafePath(options.folder);
  // A DOS date cannot say anything before 1980 (fflate throws): an older clock reads as 1980.
  const mtime = options.modifiedAt < zipEpoch ? zipEpoch : options.modifiedAt;
  const entries: Zippable = {};
  for (const file of files) {
    assertSafePath(file.path);
    entries[`${options.folder}/${file.path}`] = [strToU8(file.content), { mtime }];
  }
  return zipSync(entries, { level: 6, mtime });
}
