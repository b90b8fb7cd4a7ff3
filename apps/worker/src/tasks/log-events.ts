import type { JobEvent } from '@app/core';
import type { Logger } from '../logger.ts';

/** One log line per committed event, each with its job id and seq, so logs join the event log. */
export function logEvents(logger: Logger, jobId: string, events: readonly JobEvent[]): void {
  for (const item of events) logger.info('event', { jobId, seq: item.seq, type: item.type });
}
