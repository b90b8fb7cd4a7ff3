import type { Problem } from '../../events.ts';
import { appEntryPath } from '../app-files.ts';
import { originalPosition, type RawSourceMap } from '../source-map.ts';
import { scriptUrl } from './harness-page.ts';

/** Problems reach events, the job row and the fix prompt: an app must not be able to flood them. */
export const maxProblemMessageLength = 2_000;

export function capMessage(message: string): string {
  return message.length <= maxProblemMessageLength
    ? message
    : `${message.slice(0, maxProblemMessageLength - 1)}…`;
}

const scriptFrame = new RegExp(`${scriptUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`, 'g');

/** The first frame of `stack` inside the app's bundle, mapped back to the app's file and line. */
export function locateInApp(
  stack: string,
  sourceMap: RawSourceMap | null,
): { path: string; line: number } | null {
  if (!sourceMap) return null;
  for (const match of stack.slice(0, 20_000).matchAll(scriptFrame)) {
    const location = mapPosition(sourceMap, Number(match[1]), Number(match[2]) - 1);
    if (location) return location;
  }
  return null;
}

/** A 1-based line and 0-based column in app.js → the app's own `src/…` file and line, or null. */
export function mapPosition(
  sourceMap: RawSourceMap,
  line: number,
  column: number,
): { path: string; line: number } | null {
  const position = originalPosition(sourceMap, line, column);
  const source = position?.source.replace(/^app:/, '');
  return position && source?.startsWith('src/') ? { path: source, line: position.line } : null;
}

/** An uncaught exception or unhandled rejection in the page. */
export function pageErrorProblem(error: Error, sourceMap: RawSourceMap | null): Problem {
  const location = locateInApp(error.stack ?? '', sourceMap);
  const name = error.name && error.name !== 'Error' ? error.name : 'Error';
  return {
    path: location?.path ?? appEntryPath,
    line: location?.line ?? null,
    message: capMessage(`The app threw ${name}: ${error.message}`),
    source: 'render',
  };
}

/** A `console.error` (React reports failed renders, bad props and key warnings this way). */
export function consoleErrorProblem(
  text: string,
  location: { url: string; lineNumber: number; columnNumber: number },
  sourceMap: RawSourceMap | null,
): Problem {
  const mapped =
    sourceMap && location.url === scriptUrl
      ? mapPosition(sourceMap, location.lineNumber + 1, location.columnNumber)
      : null;
  return {
    path: mapped?.path ?? appEntryPath,
    line: mapped?.line ?? null,
    message: capMessage(`Console error: ${text}`),
    source: 'render',
  };
}

export function refusedRequestProblem(url: string): Problem {
  return {
    path: appEntryPath,
    line: null,
    message: capMessage(
      `The app tried to load ${url.slice(0, 300)}: generated apps may not use the network (only their own bundle is served)`,
    ),
    source: 'render',
  };
}
