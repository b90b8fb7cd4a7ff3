// Module-loader hooks (registered by module-loads.ts in a fresh Node process): every module the
// process loads through the ESM loader — workspace sources, packages, `node:` built-ins — is
// appended, one URL a line, to the file `register()` passes as its `data`.
import { appendFileSync } from 'node:fs';

let logFile = null;

export async function initialize(data) {
  logFile = data.logFile;
}

export async function load(url, context, nextLoad) {
  if (logFile) appendFileSync(logFile, `${url}\n`);
  return nextLoad(url, context);
}
