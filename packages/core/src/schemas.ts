/*
 * `@app/core/schemas`: the shapes every layer shares — zod schemas and their types, the job state
 * machine's statuses, events, ledger facts, questions, blueprints, limits and usage. Runtime-safe:
 * zod and plain TypeScript only, no `node:*` module, no SDK, compiler, bundler or browser driver,
 * so the SPA bundles it and `@app/db` loads it without loading a model provider
 * (`schemas.test.ts` and db's `entry-imports.test.ts` check both). Keep it that way: a module
 * that needs more belongs behind `@app/core` or one of its other subpaths.
 */
export * from './app-name.ts';
export * from './app-origins.ts';
export * from './blueprint/index.ts';
export * from './events.ts';
export * from './job.ts';
export * from './ledger.ts';
export * from './limits.ts';
export * from './question.ts';
export * from './questioning/turn-contract.ts';
export type { TurnUsage } from './questioning/turn-usage.ts';
export * from './version.ts';
