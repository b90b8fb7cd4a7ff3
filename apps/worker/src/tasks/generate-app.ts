import type { GenerateAppPayload } from '@app/db';
import type { TaskHandler } from './context.ts';

/**
 * TODO(lead): generation (a later issue): check the job is still `generating` at `payload.run`,
 * run core's generator with `context.signal`, write the version in one guarded transaction. Until
 * then it only logs.
 */
export const generateApp: TaskHandler<GenerateAppPayload> = async (payload, { logger }) => {
  logger.warn('generate_app is not implemented yet', { jobId: payload.jobId, run: payload.run });
};
