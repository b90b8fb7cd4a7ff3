import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CliError, exitCodes } from './exit-codes.ts';

/** What `login` keeps: which builder, and the personal access token it created there. */
export const CliConfig = z.object({ url: z.string(), token: z.string() });
export type CliConfig = z.infer<typeof CliConfig>;

export async function readConfig(configPath: string): Promise<CliConfig | null> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = CliConfig.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new CliError(
      `${configPath} is not a config this CLI wrote; run \`pnpm cli login\` again`,
      exitCodes.usage,
    );
  }
  return parsed.data;
}

/**
 * Writes the token readable by its owner only: the file is created 0600 (in a 0700 directory)
 * under a temporary name and renamed into place, so no moment exists where another user could read
 * it or where a crash leaves half a file.
 */
export async function writeConfig(configPath: string, config: CliConfig): Promise<void> {
  await mkdir(path.dirname(configPath), { recursive: true, mode: 0o700 });
  const temporary = `${configPath}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  await rename(temporary, configPath);
}

/** Base URLs compare without trailing slashes (`http://localhost:3000/` is the same builder). */
export function normalizeUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}
