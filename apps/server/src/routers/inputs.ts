import {
  answerMaxLength,
  appNameMaxLength,
  maxOptionsPerAnswer,
  optionIdMaxLength,
  promptMaxLength,
} from '@app/core/schemas';
import { z } from 'zod';

/** Shared input fields with the API's limits (core's; the messages name the problem for the user). */
export const Id = z.uuid('Must be a valid id');

export const Prompt = z
  .string()
  .trim()
  .min(1, 'Describe what you want')
  .max(promptMaxLength, `Prompt must be at most ${promptMaxLength.toLocaleString('en')} characters`);

export const AnswerText = z
  .string()
  .trim()
  .max(answerMaxLength, `Answer must be at most ${answerMaxLength.toLocaleString('en')} characters`);

export const AppName = z.string().trim().min(1).max(appNameMaxLength);

export const OptionIds = z.array(z.string().min(1).max(optionIdMaxLength)).max(maxOptionsPerAnswer);
