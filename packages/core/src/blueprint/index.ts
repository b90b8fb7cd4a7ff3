export * from './blueprint.ts';
export * from './validate-blueprint.ts';
