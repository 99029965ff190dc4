import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, badRequest } from '../../errors';
import { requestTranslator } from '../../i18n/translator';
import { errorResponses } from '../../shared/schema-helpers';
import { withTimeLimit } from '../../shared/time-limit';
import { safeFileName } from '../documents/documents.service';
import { ProjectParams } from '../projects/projects.schemas';
import { importQdcCodebook } from './qdc-import';
import { importRefiProject } from './refi-import';
import { openRefiCodebook, openRefiProject } from './refi-open';

const tags = ['exchange'];

const Skipped = Type.Object({ kind: Type.String(), name: Type.String(), reason: Type.String() });
const ImportReport = Type.Object({
  imported: Type.Object({
    users: Type.Integer(), codes: Type.Integer(), documents: Type.Integer(), selections: Type.Integer(),
    segments: Type.Integer(), codings: Type.Integer(), memos: Type.Integer(), attributes: Type.Integer(),
  }),
  converted: Type.Array(Type.String(), { description: 'What was changed on the way in (position units, hierarchy in names, cases)' }),
  skipped: Type.Array(Skipped, { description: 'What the workbench cannot hold (PDF, pictures, audio, video, sets, missing texts)' }),
  warnings: Type.Array(Type.String()),
  coders: Type.Array(Type.Object({ refiName: Type.String(), account: Type.String(), placeholder: Type.Boolean() })),
  origin: Type.String(),
});
const ProjectSummary = Type.Object({ id: Type.String(), name: Type.String(), description: Type.String(), createdAt: Type.String(), updatedAt: Type.String(), role: Type.Literal('owner') });

/** Reads the one uploaded file (multipart field "file"), a whole project or a codebook, refusing one over the upload limit. */
async function readOneFile(request: FastifyRequest, limit: number, what: 'project' | 'codebook') {
  if (!request.isMultipart()) throw badRequest('NOT_MULTIPART', `exchangeErrors.upload.notMultipart.${what}`);
  const file = await request.file({ limits: { fileSize: limit } });
  if (!file) throw badRequest('NO_FILES', `exchangeErrors.upload.noFile.${what}`);
  const bytes = await file.toBuffer();
  if (file.file.truncated) throw new AppError(413, 'UPLOAD_TOO_LARGE', 'exchangeErrors.upload.tooLarge', { megabytes: Math.round(limit / 1048576) });
  if (bytes.length === 0) throw badRequest('EMPTY_FILE', 'exchangeErrors.upload.empty');
  return { bytes, fileName: safeFileName(file.filename) };
}

/** REFI-QDA import: a whole project (.qdpx, .qde) into a new project, a codebook (.qdc) into this one. */
export const refiImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/projects/import', {
    config: { access: 'user' },
    schema: {
      tags, consumes: ['multipart/form-data'],
      summary: 'Import a REFI-QDA project (.qdpx or .qde, multipart field "file") from NVivo, ATLAS.ti, MAXQDA, QualCoder or Taguette as a new project that you own',
      description: 'Codes with hierarchy, colours and descriptions; text sources as documents (the source text kept as it is, only BOM, CRLF and NFC normalised); '
        + 'selections as coded passages at positions converted with the producer\'s conventions (code points or UTF-16 units, CRLF as one or two, detected from the file); '
        + 'notes as memos; variables and cases as attributes. PDF, pictures, audio and video are reported as skipped. One transaction: a failed import creates nothing. '
        + '400 NOT_REFI, XML_UNSAFE, XML_INVALID, ARCHIVE_UNSAFE, ARCHIVE_DAMAGED, ARCHIVE_TOO_LARGE, IMPORT_FAILED; 413 UPLOAD_TOO_LARGE.',
      response: { 201: Type.Object({ project: ProjectSummary, report: ImportReport }), ...errorResponses, 413: Type.Ref('Error') },
    },
  }, async (request, reply) => {
    const limit = app.config.maxUploadTotalBytes;
    const { bytes, fileName } = await readOneFile(request, limit, 'project');
    const opened = await withTimeLimit(() => openRefiProject(bytes, limit), app.config.importTimeLimitMs, 'refiProject');
    const user = request.auth!.user;
    const result = await importRefiProject(app.db, opened, { id: user.id, name: user.name, email: user.email }, fileName, requestTranslator(request));
    await app.services.searchIndexes.get(result.project.id);
    return reply.status(201).send(result);
  });

  app.post('/api/projects/:projectId/codebook.qdc', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, params: ProjectParams, consumes: ['multipart/form-data'],
      summary: 'Import a REFI-QDA codebook (.qdc, multipart field "file") into this project',
      description: 'Codes are matched by path (names without case); missing ones are created, existing ones take the file\'s colour and description; nothing is deleted. '
        + 'Accepts the namespaces codebook:1.0, codebook:1:0 and codebook:0:4, and hierarchy written into names (A::B). One undoable action.',
      response: {
        200: Type.Object({
          created: Type.Integer(), updated: Type.Integer(), skipped: Type.Integer(),
          report: Type.Object({
            codes: Type.Array(Type.Object({ path: Type.String(), status: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged')]) })),
            converted: Type.Array(Type.String()), warnings: Type.Array(Type.String()),
          }),
        }),
        ...errorResponses, 413: Type.Ref('Error'),
      },
    },
  }, async (request) => {
    const limit = app.config.maxUploadTotalBytes;
    const { bytes } = await readOneFile(request, limit, 'codebook');
    const xml = await withTimeLimit(() => openRefiCodebook(bytes, limit), app.config.importTimeLimitMs, 'codebook');
    return importQdcCodebook(app.db, app.services.codes, request.params.projectId, request.auth!.user.id, xml, requestTranslator(request));
  });
};
