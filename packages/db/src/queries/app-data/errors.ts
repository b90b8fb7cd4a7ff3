import type { RecordWriteError } from '@app/core/data-store';

/** A record write the blueprint does not allow; every problem names its field. */
export class RecordValidationError extends Error {
  override readonly name = 'RecordValidationError';
  constructor(readonly errors: RecordWriteError[]) {
    super(errors.map((error) => error.message).join('; '));
  }
}
