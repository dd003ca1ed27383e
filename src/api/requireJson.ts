import express, { type RequestHandler } from 'express';
import { ApiError } from './errors';

/** Rejects a body that is not declared as JSON, before anything reads it. */
export const requireJson: RequestHandler = (request, _response, next) => {
  if (!request.is('application/json')) {
    throw new ApiError(415, 'unsupported_media_type');
  }
  next();
};

/** Parses a JSON body of at most 64 KiB; a larger one is answered with 413. */
export const jsonBody = express.json({ limit: '64kb', strict: true });
