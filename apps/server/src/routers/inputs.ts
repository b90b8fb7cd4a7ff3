import { z } from 'zod';

/** Shared input fields with the limits of SPEC §5 (messages name the problem for the user). */
export const Id = z.uuid('Must be a valid id');

export const Prompt = z
  .string()
  .trim()
  .min(1, 'Describe what you want')
  .max(8000, 'Prompt must be at most 8,000 characters');

export const AnswerText = z.string().trim().max(4000, 'Answer must be at most 4,000 characters');
