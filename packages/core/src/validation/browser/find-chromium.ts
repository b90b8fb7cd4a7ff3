import { accessSync, constants, statSync } from 'node:fs';

/** Where Debian, Ubuntu and Google's packages put a Chromium-family browser, in order of preference. */
export const chromiumCandidates: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
];

export interface FindChromiumOptions {
  /** `CHROMIUM_PATH`: when given it is the only candidate, so a typo is reported, not papered over. */
  configuredPath?: string | null;
  /** Tests point discovery at their own list. */
  candidates?: readonly string[];
}

export type ChromiumDiscovery = { found: true; executablePath: string } | { found: false; reason: string };

/**
 * Finds the browser verification runs in. Nothing is ever downloaded: verification uses the
 * system's Chromium (Debian's `chromium` package) or the one `CHROMIUM_PATH` names.
 */
export function findChromium(options: FindChromiumOptions = {}): ChromiumDiscovery {
  const configured = options.configuredPath?.trim();
  if (configured) {
    return isExecutableFile(configured)
      ? { found: true, executablePath: configured }
      : { found: false, reason: `CHROMIUM_PATH (${configured}) is not an executable file` };
  }
  const candidates = options.candidates ?? chromiumCandidates;
  const executablePath = candidates.find(isExecutableFile);
  if (executablePath) return { found: true, executablePath };
  return { found: false, reason: `no Chromium at ${candidates.join(', ')}` };
}

/** What a build says when there is no browser: the fix, not just the fact. */
export function missingChromiumMessage(reason: string): string {
  return `No Chromium for verification (${reason}): install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable. Generated apps are never run unverified.`;
}

function isExecutableFile(candidate: string): boolean {
  try {
    if (!statSync(candidate).isFile()) return false;
    accessSync(candidate, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
