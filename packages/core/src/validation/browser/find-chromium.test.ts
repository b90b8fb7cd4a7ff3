import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, missingChromiumMessage } from './find-chromium.ts';

const directory = mkdtempSync(path.join(tmpdir(), 'find-chromium-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const executable = path.join(directory, 'chromium');
writeFileSync(executable, '#!/bin/sh\n');
chmodSync(executable, 0o755);
const notExecutable = path.join(directory, 'plain');
writeFileSync(notExecutable, '');

describe('findChromium', () => {
  it('uses CHROMIUM_PATH when it names an executable, and only it', () => {
    expect(findChromium({ configuredPath: executable, candidates: [] })).toEqual({
      found: true,
      executablePath: executable,
    });
    const typo = findChromium({ configuredPath: `${executable}-typo`, candidates: [executable] });
    expect(typo).toEqual({ found: false, reason: expect.stringContaining('CHROMIUM_PATH') });
  });

  it('takes the first executable candidate, and says where it looked when there is none', () => {
    expect(findChromium({ candidates: [notExecutable, directory, executable] })).toEqual({
      found: true,
      executablePath: executable,
    });
    const none = findChromium({ candidates: [notExecutable, path.join(directory, 'missing')] });
    expect(none.found).toBe(false);
    if (!none.found)
      expect(missingChromiumMessage(none.reason)).toMatch(/apt-get install chromium.*CHROMIUM_PATH/);
  });
});
