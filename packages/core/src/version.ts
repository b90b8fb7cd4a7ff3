import { z } from 'zod';
import type { Check } from './events.ts';

/**
 * A stored version's verdict: `ready` when every acceptance check passed, `checks_failed` when
 * some still failed after the capped fixes (the app runs and is stored, but never shown as a
 * clean success). Versions made without a build (restores) carry their source's status.
 */
export const versionStatuses = ['ready', 'checks_failed'] as const;
export const VersionStatus = z.enum(versionStatuses);
export type VersionStatus = z.infer<typeof VersionStatus>;

export function versionStatusOf(checks: readonly Check[]): VersionStatus {
  return checks.every((check) => check.ok) ? 'ready' : 'checks_failed';
}
