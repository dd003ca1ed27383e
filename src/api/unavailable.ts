import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import mongoose from 'mongoose';
import { isUnavailableError } from '../cases/caseErrors';

/**
 * Returns whether an error means that Temporal or MongoDB could not be reached
 * in time, so the API responds 503 instead of 500. It extends the case layer's
 * `isUnavailableError`, which checks error names, with the errors that check
 * misses: subclasses of the MongoDB driver's errors such as
 * MongoNetworkTimeoutError, a Temporal update call cut off by the request's
 * deadline, and mongoose's "buffering timed out" error.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  if (isUnavailableError(error)) {
    return true;
  }
  // mongoose re-exports the MongoDB driver it uses, so these are the classes its errors belong to.
  const { MongoNetworkError, MongoNotConnectedError, MongoServerSelectionError, MongoTopologyClosedError } = mongoose.mongo;
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoTopologyClosedError ||
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError
  ) {
    return true;
  }
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /buffering timed out/i.test(message);
}
