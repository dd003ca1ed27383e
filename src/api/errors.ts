import type { ErrorRequestHandler, RequestHandler } from 'express';
import { logger } from '../logging';
import { errorLanguageFor, type ErrorMessageLanguage, type LocalizedText } from './i18n/errorLanguage';
import { errorMessage } from './i18n/errorMessage';
import { isDependencyUnavailable } from './unavailable';

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/**
 * An error the API returns as `{error: {code, message, field}}` with its HTTP
 * status. `detail` is appended to the message: a LocalizedText in the
 * client's language, a plain string (a value, a count, a parser's message) as
 * it is in every language.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | null = null,
    readonly detail: string | LocalizedText | null = null,
  ) {
    super(code);
  }

  toBody(language: ErrorMessageLanguage = 'nl'): ErrorBody {
    const base = errorMessage(this.code, language);
    const detail = typeof this.detail === 'string' ? this.detail : (this.detail?.[language] ?? null);
    const message = detail ? `${base} ${detail}` : base;
    return { error: { code: this.code, message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export const notFoundRoute: RequestHandler = (_request, _response, next) => {
  next(new ApiError(404, 'route_not_found'));
};

/** The fields that body-parser, raw-body and the router set on the errors they raise; `expose` only some of them. */
interface HttpLibraryError {
  type?: string;
  status?: number;
  expose?: boolean;
}

/**
 * Renders every error in one shape, with the message in the language the
 * client asked for. The body never contains a stack trace. Errors of status
 * 500 and up are logged; the log line carries the request id.
 */
export const renderError: ErrorRequestHandler = (error: unknown, request, response, next) => {
  const apiError = toApiError(error);
  if (apiError.status >= 500) {
    const level = apiError.code === 'service_unavailable' ? 'warn' : 'error';
    logger[level]({ err: error, method: request.method, path: request.path, status: apiError.status }, 'Request failed');
  }
  if (response.headersSent) {
    // Part of a response is already on its way, so no error body can follow. Express closes the connection.
    next(error);
    return;
  }

  const language = errorLanguageFor(request);
  response.vary('Accept-Language');
  response.setHeader('Content-Language', language);
  response.status(apiError.status).json(apiError.toBody(language));
};

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  if (isDependencyUnavailable(error)) {
    return new ApiError(503, 'service_unavailable');
  }

  const libraryError = (error ?? {}) as HttpLibraryError;
  switch (libraryError.type) {
    case 'entity.parse.failed':
      return new ApiError(400, 'invalid_json');
    case 'entity.too.large':
    case 'parameters.too.many':
      return new ApiError(413, 'payload_too_large');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiError(415, 'unsupported_media_type');
  }
  // Other client errors from Express and its parsers carry a 4xx status: the router's URIError for a
  // path with broken percent-encoding, raw-body's error for a body shorter than its Content-Length.
  const status = libraryError.status;
  if (libraryError.expose !== false && typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) {
      return new ApiError(413, 'payload_too_large');
    }
    if (status === 415) {
      return new ApiError(415, 'unsupported_media_type');
    }
    return new ApiError(400, 'invalid_request');
  }
  return new ApiError(500, 'internal_error');
}
