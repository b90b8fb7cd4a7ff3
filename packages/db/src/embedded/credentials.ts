import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Passwords of the embedded cluster's two login roles. Random per cluster; never in the repo. */
export interface ClusterCredentials {
  /** The bootstrap superuser (`postgres`): migrations, creating databases and roles. */
  superuser: string;
  /** The apps' role: no superuser, no CREATEROLE/CREATEDB, table privileges only. */
  app: string;
}

const credentialsSchema = z.object({ superuser: z.string().min(16), app: z.string().min(16) });

/** 32 random bytes, URL-safe: fits a connection URL and an SQL literal without escaping. */
export function randomPassword(): string {
  return randomBytes(32).toString('base64url');
}

export function randomCredentials(): ClusterCredentials {
  return { superuser: randomPassword(), app: randomPassword() };
}

/** The credentials kept in `file`, or `null` when there is none yet. */
export function readCredentials(file: string): ClusterCredentials | null {
  if (!existsSync(file)) return null;
  // Whoever created it, only we may read it: tighten a file someone loosened.
  chmodSync(file, 0o600);
  const parsed = credentialsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file} is not a valid credentials file: delete it to reset the passwords`);
  return parsed.data;
}

/**
 * Writes `credentials` to `file` (mode 0600). Written to a sibling and renamed, so a crash never
 * leaves a truncated file that would lock us out of the cluster.
 */
export function writeCredentials(file: string, credentials: ClusterCredentials): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(partial, 0o600); // `mode` applies only when the file is created
  renameSync(partial, file);
}
