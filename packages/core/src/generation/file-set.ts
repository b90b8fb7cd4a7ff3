import type { Problem } from '../events.ts';
import { type AppFile, normaliseAppPath } from '../validation/app-files.ts';
import type { FileChanges } from './task-schemas.ts';

/**
 * The working copy of an app during generation: ordered by path, so outputs (and the version
 * stored from them) don't depend on the order a model happened to write files in.
 */
export class FileSet {
  private readonly files = new Map<string, string>();

  constructor(initial: readonly AppFile[] = []) {
    for (const file of initial) {
      const path = normaliseAppPath(file.path);
      if (path) this.files.set(path, file.content);
    }
  }

  /**
   * Applies a model's edits and deletions. Paths outside `src/` are dropped rather than written:
   * a model must never place files next to the builder's own. Returns the files actually written.
   */
  apply(changes: FileChanges): AppFile[] {
    for (const raw of changes.deletedPaths) {
      const path = normaliseAppPath(raw);
      if (path) this.files.delete(path);
    }
    const written: AppFile[] = [];
    for (const file of changes.files) {
      const path = normaliseAppPath(file.path);
      if (!path) continue;
      this.files.set(path, file.content);
      written.push({ path, content: file.content });
    }
    return written;
  }

  list(): AppFile[] {
    return [...this.files.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, content]) => ({ path, content }));
  }

  /** Identity of the content, to notice a fix attempt that changed nothing. */
  signature(): string {
    return JSON.stringify(this.list());
  }
}

/**
 * A problem set's identity, insensitive to order, duplicates and line numbers (a fix that only
 * moves the same error around has not fixed anything).
 */
export function problemFingerprint(problems: readonly Problem[]): string {
  const keys = problems.map((problem) =>
    [problem.source, problem.path, problem.message.replace(/\s+/g, ' ').replace(/\d+/g, '#').trim()].join(
      '|',
    ),
  );
  return [...new Set(keys)].sort().join('\n');
}
