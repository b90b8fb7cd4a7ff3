export * from './changes.ts';
export * from './datasets.ts';
export * from './errors.ts';
export * from './records.ts';
export * from './source.ts';
