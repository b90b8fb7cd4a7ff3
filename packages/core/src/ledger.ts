import { z } from 'zod';

export const FactKind = z.enum(['goal', 'requirement', 'ui', 'unknown', 'assumption']);
export type FactKind = z.infer<typeof FactKind>;

export const FactSource = z.object({
  kind: z.enum(['request', 'answer', 'skip', 'edit']),
  questionId: z.string().uuid().optional(),
});
export type FactSource = z.infer<typeof FactSource>;

/**
 * What part of the app a fact (or question) is about — the questioning phase's slots. Optional on
 * facts so ledgers written before topics existed, or by hand (`edit`), still parse.
 */
export const FactTopic = z.enum([
  'purpose',
  'audience',
  'records',
  'fields',
  'workflow',
  'views',
  'sharing',
  'change',
]);
export type FactTopic = z.infer<typeof FactTopic>;

/** A ledger entry (docs/architecture.md#shapes): one thing the builder understood, linked to where it came from. */
export const Fact = z.object({
  id: z.string().uuid(),
  kind: FactKind,
  text: z.string().min(1),
  source: FactSource,
  topic: FactTopic.optional(),
});
export type Fact = z.infer<typeof Fact>;

export const Ledger = z.array(Fact);
export type Ledger = z.infer<typeof Ledger>;

/** Readiness 0–100: how much of what the build needs is known. */
export const Readiness = z.number().int().min(0).max(100);
