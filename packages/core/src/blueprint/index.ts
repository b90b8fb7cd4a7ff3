export * from './blueprint.ts';
export * from './open-decisions.ts';
export * from './validate-blueprint.ts';
