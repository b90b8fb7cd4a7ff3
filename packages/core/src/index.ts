export * from './events.ts';
export * from './job.ts';
export * from './ledger.ts';
export * from './question.ts';
