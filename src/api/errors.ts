import type { ErrorRequestHandler, RequestHandler } from 'express';
import { logger } from '../logging';
import { errorMessagesNl } from './errorMessages';

/** An error the API returns as `{error: {code, message, field}}` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | null = null,
    readonly detail: string | null = null,
  ) {
    super(code);
  }

  toBody(): { error: { code: string; message: string; field?: string } } {
    const base = errorMessagesNl[this.code] ?? errorMessagesNl.internal_error ?? this.code;
    const message = this.detail ? `${base} ${this.detail}` : base;
    return { error: { code: this.code, message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export const notFoundRoute: RequestHandler = (_request, _response, next) => {
  next(new ApiError(404, 'route_not_found'));
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Renders every error in one shape; never a stack trace, and an unexpected error is logged with the request id. */
export const renderError: ErrorRequestHandler = (error: unknown, request, response, _next) => {
  const apiError = toApiError(error);
  if (apiError.status >= 500) {
    logger.error({ err: error, requestId: response.getHeader('x-request-id'), path: request.path }, 'Request failed');
  }
  response.status(apiError.status).json(apiError.toBody());
};

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  const parserError = error as BodyParserError;
  switch (parserError.type) {
    case 'entity.parse.failed':
      return new ApiError(400, 'invalid_json');
    case 'entity.too.large':
      return new ApiError(413, 'payload_too_large');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiError(415, 'unsupported_media_type');
  }
  return new ApiError(500, 'internal_error');
}
