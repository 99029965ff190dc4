import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError, badRequest, notFound } from '../../errors';
import { requestTranslator } from '../../i18n/translator';
import { errorResponses } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';
import { documentDetail, documentSummaries } from './document-views';
import { documentsRepository } from './documents.repository';
import {
  DocumentDetailSchema, DocumentParams, DocumentSummarySchema, ImportResultSchema, SpeakerParams, UpdateDocumentBody, UpdateSpeakerBody,
} from './documents.schemas';
import { fileError, type FileFailure, type UploadedFile } from './documents.service';
import { readUploads } from './read-uploads';

const tags = ['documents'];

/** Status of a one-file upload that failed, by error code. */
const SINGLE_FAILURE_STATUS: Record<string, number> = { UNSUPPORTED_FILE: 415, FILE_TOO_LARGE: 413 };

/** Transcript import, listing, reading and editing: `/api/projects/:projectId/documents`, `/api/documents/:documentId`. */
export const documentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.documents;

  app.post('/api/projects/:projectId/documents', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, params: ProjectParams, consumes: ['multipart/form-data'],
      summary: 'Import transcripts (.docx, .txt, .md, .vtt, .srt): one or many files in one multipart request',
      description:
        'Each file is imported on its own: a bad file is reported in `failed` and leaves nothing behind; the others import. ' +
        'A file already in the project (same bytes) is reported in `duplicates` unless the form field `allowDuplicates` is `true`. ' +
        'With a single file, a failure answers 4xx (415 unsupported, 413 too large, 409 duplicate, 422 corrupt/empty/encrypted).',
      response: { 200: ImportResultSchema, 201: ImportResultSchema, ...errorResponses, 409: Type.Ref('Error'), 413: Type.Ref('Error'), 415: Type.Ref('Error'), 422: Type.Ref('Error') },
    },
  }, async (request, reply) => {
    const { files, tooLarge, fields } = await readUploads(request, app.config);
    if (files.length + tooLarge.length === 0) throw badRequest('NO_FILES', 'documentErrors.upload.noFiles');
    const projectId = request.params.projectId;
    const outcome = await service.importFiles(projectId, request.auth!.user.id, files as UploadedFile[], { allowDuplicates: fields.allowDuplicates === 'true', timeLimitMs: app.config.importTimeLimitMs });
    const megabytes = Math.round(app.config.maxUploadBytes / 1048576);
    const failed: FileFailure[] = [
      ...tooLarge.map((fileName) => ({ fileName, error: fileError('FILE_TOO_LARGE', 'documentErrors.upload.fileTooLarge', { megabytes }) })),
      ...outcome.failed,
    ];
    if (files.length + tooLarge.length === 1 && outcome.imported.length === 0) {
      if (failed[0]) {
        const { code, key, params } = failed[0].error;
        throw new AppError(SINGLE_FAILURE_STATUS[code] ?? 422, code, key, params, { fileName: failed[0].fileName });
      }
      const dup = outcome.duplicates[0]!;
      throw new AppError(409, 'DUPLICATE_FILE', 'documentErrors.upload.alreadyImported', { existingName: dup.existingName }, dup);
    }
    const documents = await documentSummaries(app.db, projectId, outcome.imported);
    const { t } = requestTranslator(request);
    return reply.status(documents.length > 0 ? 201 : 200).send({
      documents, duplicates: outcome.duplicates,
      failed: failed.map(({ fileName, error }) => ({ fileName, error: { code: error.code, message: t(error.key, error.params) } })),
    });
  });

  app.get('/api/projects/:projectId/documents', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: "A project's documents with their attributes", params: ProjectParams, response: { 200: Type.Object({ documents: Type.Array(DocumentSummarySchema) }), ...errorResponses } },
  }, async (request) => ({ documents: await documentSummaries(app.db, request.params.projectId) }));

  app.get('/api/documents/:documentId', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: "A document's text, turns (speaker, offsets, media times), speakers and attributes", params: DocumentParams, response: { 200: DocumentDetailSchema, ...errorResponses } },
  }, async (request, reply) => reply.type('application/json; charset=utf-8').send(await app.services.documentJson.of(request.params.documentId)));

  app.patch('/api/documents/:documentId', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, summary: "Rename a document or change its attributes (built-in and the project's own)", params: DocumentParams,
      body: UpdateDocumentBody, response: { 200: DocumentDetailSchema, ...errorResponses },
    },
  }, async (request) => {
    await service.update(request.params.documentId, request.member!.projectId, request.auth!.user.id, request.body);
    return documentDetail(service, request.params.documentId);
  });

  app.delete('/api/documents/:documentId', {
    config: { access: { project: 'lead' } },
    schema: { tags, summary: 'Delete a document', params: DocumentParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.delete(request.params.documentId, request.member!.projectId, request.auth!.user.id);
    return reply.status(204).send(null);
  });

  app.patch('/api/documents/:documentId/speakers/:speakerId', {
    config: { access: { project: 'lead' } },
    schema: { tags, summary: "Rename a speaker or change their role", params: SpeakerParams, body: UpdateSpeakerBody, response: { 200: DocumentDetailSchema, ...errorResponses } },
  }, async (request) => {
    await service.updateSpeaker(request.params.documentId, request.member!.projectId, request.auth!.user.id, request.params.speakerId, request.body);
    return documentDetail(service, request.params.documentId);
  });

  app.post('/api/documents/:documentId/revisions', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, params: DocumentParams,
      summary: 'Correct the transcript: a new revision of the text; every coded segment is re-anchored',
      description: 'Segments are mapped through the diff, then found by exact quote with context, then by fuzzy match; those that cannot be placed become `orphaned` (needs review) and are listed in the answer. Send `baseRevisionId` to refuse (409) when someone corrected the text meanwhile.',
      body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 5_000_000 }), baseRevisionId: Type.Optional(Type.String()) }),
      response: {
        201: Type.Object({
          document: DocumentDetailSchema,
          revision: Type.Object({ id: Type.String(), number: Type.Integer() }),
          segments: Type.Object({ anchored: Type.Integer(), byDiff: Type.Integer(), byExact: Type.Integer(), byFuzzy: Type.Integer(), orphaned: Type.Integer() }),
          orphaned: Type.Array(Type.Object({ segmentId: Type.String(), quote: Type.String(), reason: Type.String() })),
        }),
        ...errorResponses, 409: Type.Ref('Error'),
      },
    },
  }, async (request, reply) => {
    const report = await app.services.revisions.correct(request.params.documentId, request.member!.projectId, request.auth!.user.id, request.body);
    const { t } = requestTranslator(request);
    const orphaned = report.orphaned.map((o) => ({ ...o, reason: t(`documentErrors.orphanReason.${o.reason}`) }));
    return reply.status(201).send({ ...report, orphaned, document: await documentDetail(service, request.params.documentId) });
  });

  app.get('/api/documents/:documentId/original', {
    config: { access: { project: 'viewer' } },
    schema: { tags, summary: 'Download the file as it was imported', params: DocumentParams },
  }, async (request, reply) => {
    const original = await documentsRepository.original(app.db, request.params.documentId);
    if (!original) throw notFound('original');
    const ascii = original.file_name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply
      .header('content-type', original.media_type)
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(original.file_name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(original.bytes));
  });
};
