import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';
import { isApiRoute } from './access';

/** Fastify's own 4xx errors, re-worded for researchers. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'FILE_TOO_LARGE', message: 'A file is larger than the upload limit.' },
  FST_FILES_LIMIT: { status: 413, code: 'TOO_MANY_FILES', message: 'Too many files in one upload.' },
  FST_PARTS_LIMIT: { status: 413, code: 'TOO_MANY_FILES', message: 'Too many parts in one upload.' },
  FST_FIELDS_LIMIT: { status: 413, code: 'TOO_MANY_FIELDS', message: 'Too many form fields in one upload.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 400, code: 'NOT_MULTIPART', message: 'Send the files as multipart/form-data.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'This content type is not accepted here.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', message: 'The request body is too large.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The request body is empty but JSON was announced.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The request body is not valid JSON.' },
};

/** Turns every error into `{ error: { code, message } }`; a 5xx never shows internals. */
async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send({
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      });
    }
    if (error.validation) {
      const where = error.validationContext ?? 'request';
      const first = error.validation[0];
      const field = first?.instancePath ? `${where}${first.instancePath.replaceAll('/', '.')}` : where;
      return reply.status(400).send({
        error: { code: 'VALIDATION_ERROR', message: `Invalid ${field}: ${first?.message ?? error.message}.` },
      });
    }
    // PostgreSQL refuses the NUL character (\u0000) in text (SQLite stores it): a 400, not a crash.
    if (error.code === '22021' || error.code === '22P05') {
      return reply.status(400).send({ error: { code: 'INVALID_CHARACTERS', message: 'The data contains a character that cannot be stored (a NUL character, \\0). Remove it and try again; nothing was saved.' } });
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return reply.status(known.status).send({ error: { code: known.code, message: known.message } });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'BAD_REQUEST', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on the server. The error has been logged.' },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApiRoute(request.url) || request.url === '/api') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No API route ${request.method} ${request.url.split('?')[0]}.` } });
    }
    // Outside /api the client's router decides; the static plugin serves index.html.
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
  });
}

export default fp(errorHandler, { name: 'error-handler' });
