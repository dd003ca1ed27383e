import type { Request } from 'express';
import { isCaseId } from '../../domain/caseId';
import { ApiError } from '../errors';

/** Reads the `:id` route parameter; anything that is not a case id cannot name a case, so it is a 404. */
export function caseIdParameter(request: Request): string {
  const id = String(request.params.id ?? '');
  if (!isCaseId(id)) {
    throw new ApiError(404, 'not_found');
  }
  return id;
}
