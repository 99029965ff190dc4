import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';
import { requestTranslator } from '../i18n/translator';
import { localizedValidationDetail } from './validation-messages';
import { isApiRoute } from './access';

/** Fastify's own 4xx errors, re-worded for researchers (`message`: a key of `errors.*` in server/i18n). */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'FILE_TOO_LARGE', message: 'errors.fileTooLarge' },
  FST_FILES_LIMIT: { status: 413, code: 'TOO_MANY_FILES', message: 'errors.tooManyFiles' },
  FST_PARTS_LIMIT: { status: 413, code: 'TOO_MANY_FILES', message: 'errors.tooManyParts' },
  FST_FIELDS_LIMIT: { status: 413, code: 'TOO_MANY_FIELDS', message: 'errors.tooManyFields' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 400, code: 'NOT_MULTIPART', message: 'errors.notMultipart' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'errors.mediaType' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', message: 'errors.bodyTooLarge' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'errors.emptyJson' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'errors.invalidJson' },
};

/**
 * Turns every error into `{ error: { code, message } }`; a 5xx never shows internals. Every message
 * is written in the user's language: `AppError`s carry a key of the error catalogs, schema validation
 * details come from Ajv's own translations, framework errors are mapped above.
 */
async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const translator = requestTranslator(request);
    const t = translator.t;
    if (error instanceof AppError) {
      const message = t(error.messageKey, error.messageParams);
      return reply.status(error.statusCode).send({
        error: { code: error.code, message, ...(error.details ? { details: error.details } : {}) },
      });
    }
    if (error.validation) {
      const where = error.validationContext ?? 'request';
      const first = error.validation[0];
      const field = first?.instancePath ? `${where}${first.instancePath.replaceAll('/', '.')}` : where;
      return reply.status(400).send({
        error: { code: 'VALIDATION_ERROR', message: t('errors.validation', { field, detail: (first && localizedValidationDetail(first, translator.locale)) ?? error.message }) },
      });
    }
    // PostgreSQL refuses the NUL character (\u0000) in text (SQLite stores it): a 400, not a crash.
    if (error.code === '22021' || error.code === '22P05') {
      return reply.status(400).send({ error: { code: 'INVALID_CHARACTERS', message: t('errors.invalidCharacters') } });
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return reply.status(known.status).send({ error: { code: known.code, message: t(known.message) } });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'BAD_REQUEST', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: { code: 'INTERNAL_ERROR', message: t('errors.internal') },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApiRoute(request.url) || request.url === '/api') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: requestTranslator(request).t('errors.noRoute', { route: `${request.method} ${request.url.split('?')[0]}` }) } });
    }
    // Outside /api the client's router decides; the static plugin serves index.html.
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: requestTranslator(request).t('errors.notFoundPlain') } });
  });
}

export default fp(errorHandler, { name: 'error-handler' });
