import type { PermanentFailure } from '../domain/failureTypes';

/**
 * The two families of provider errors. The notification log decides retry or
 * fallback from the family alone: a temporary error means the provider did
 * not take the message, a permanent one means this channel never will.
 */
export class TemporarySendError extends Error {
  override readonly name = 'TemporarySendError';
}

export class PermanentSendError extends Error {
  override readonly name = 'PermanentSendError';

  constructor(
    readonly failureType: PermanentFailure,
    message: string,
  ) {
    super(message);
  }
}
