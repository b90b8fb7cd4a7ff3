export * from './blueprint.ts';
export * from './blueprint-edit.ts';
export * from './diff-blueprint.ts';
export * from './open-decisions.ts';
export * from './validate-blueprint.ts';
