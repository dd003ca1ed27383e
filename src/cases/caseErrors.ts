/** Why a case operation could not be done, independent of HTTP. */
export type CaseErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unavailable';

export class CaseError extends Error {
  constructor(
    readonly kind: CaseErrorKind,
    readonly code: string,
    readonly field: string | null = null,
  ) {
    super(code);
  }
}

/** True for errors that mean Temporal or MongoDB cannot be reached right now. */
export function isUnavailableError(error: unknown): boolean {
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as { message?: string })?.message ?? '';
  return (
    name === 'MongoServerSelectionError' ||
    name === 'MongoNetworkError' ||
    name === 'MongoNotConnectedError' ||
    name === 'ServiceError' ||
    name === 'TransportError' ||
    /ECONNREFUSED|UNAVAILABLE|DEADLINE_EXCEEDED|Failed to connect|connection closed/i.test(message)
  );
}
