// Module-loader hooks (registered by module-loads.ts in a fresh Node process): every module the
// process loads through the ESM loader — workspace sources, packages, `node:` built-ins — is
// appended, one URL a line, to the file named by MODULE_LOAD_LOG.
import { appendFileSync } from 'node:fs';

// biome-ignore lint/style/noProcessEnv: a loader hook has no other way to learn where to write
const logFile = process.env.MODULE_LOAD_LOG;

export async function load(url, context, nextLoad) {
  if (logFile) appendFileSync(logFile, `${url}\n`);
  return nextLoad(url, context);
}
