export * from './blueprint.ts';
export * from './blueprint-edit.ts';
export * from './diff-blueprint.ts';
export * from './validate-blueprint.ts';
