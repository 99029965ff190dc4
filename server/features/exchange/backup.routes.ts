import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError, badRequest, forbidden } from '../../errors';
import { requestTranslator } from '../../i18n/translator';
import { errorResponses } from '../../shared/schema-helpers';
import { withTimeLimit } from '../../shared/time-limit';
import { ProjectParams } from '../projects/projects.schemas';
import { attachment } from '../retrieval/table-export';
import { buildBackup } from './backup-export';
import { readBackup } from './backup-read';
import { restoreBackup } from './backup-restore';

const tags = ['exchange'];

const Person = Type.Object({ email: Type.String(), name: Type.String() });
const RestoreReportSchema = Type.Object({
  project: Type.Object({ id: Type.String(), name: Type.String(), description: Type.String(), createdAt: Type.String(), updatedAt: Type.String(), role: Type.Literal('owner') }),
  originalName: Type.String(),
  backupCreatedAt: Type.String(),
  backupAppVersion: Type.String(),
  counts: Type.Record(Type.String(), Type.Integer()),
  matchedUsers: Type.Array(Person, { description: 'People found on this server by e-mail: their work and role are kept' }),
  reassignedUsers: Type.Array(Person, { description: 'People not found on this server: their work is attributed to you' }),
  warnings: Type.Array(Type.String()),
});

/** Whole-project backup (one zip) and its restore into a new project. */
export const backupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/projects/:projectId/backup', {
    config: { access: { project: 'lead' } },
    schema: {
      tags, params: ProjectParams,
      querystring: Type.Object({ includeKeyList: Type.Optional(Type.Boolean({ default: false, description: 'Also the pseudonymisation key list (owners only; 403 for others)' })) }),
      summary: 'Download the whole project as one backup file (.zip)',
      description: 'manifest.json (format, versions, date, counts, checksums), users.json (people by e-mail and name), one JSON Lines file per table under tables/ '
        + '(documents, revisions, turns, attributes, codes, segments, codings, memos, queries, literature, practices, assessments, the event log and undo history), originals/ (imported files). '
        + 'The pseudonymisation key list only with `includeKeyList=true` (owners).',
    },
  }, async (request, reply) => {
    const includeKeyList = request.query.includeKeyList === true;
    if (includeKeyList && request.member?.role !== 'owner') throw forbidden('exchangeErrors.backup.keyListOwnersOnly');
    const { name, bytes } = await buildBackup(app.db, request.params.projectId, request.auth!.user.id, { includeKeyList });
    const date = new Date().toISOString().slice(0, 10);
    const short = name.replace(/[^\p{L}\p{N} _-]+/gu, '').replace(/\s+/g, ' ').trim().slice(0, 40).trim();
    return reply.header('content-type', 'application/zip').header('content-disposition', attachment(`${short} backup ${date}`, 'socprev-backup.zip', 'project'))
      .send(bytes);
  });

  app.post('/api/projects/restore', {
    config: { access: 'user' },
    schema: {
      tags, consumes: ['multipart/form-data'],
      summary: 'Restore a backup file (multipart field "file") into a new project that you own',
      description: 'Every id is new; people are matched by e-mail (others: their work becomes yours, listed in `reassignedUsers`). One transaction: a refused '
        + 'or failed restore creates nothing. 400 NOT_A_BACKUP, BACKUP_TOO_NEW, BACKUP_CORRUPT, BACKUP_UNSAFE, BACKUP_TOO_LARGE, BACKUP_INVALID; 413 UPLOAD_TOO_LARGE.',
      response: { 201: RestoreReportSchema, ...errorResponses, 413: Type.Ref('Error') },
    },
  }, async (request, reply) => {
    if (!request.isMultipart()) throw badRequest('NOT_MULTIPART', 'exchangeErrors.upload.notMultipart.backup');
    const limit = app.config.maxUploadTotalBytes;
    const file = await request.file({ limits: { fileSize: limit } });
    if (!file) throw badRequest('NO_FILES', 'exchangeErrors.upload.noFile.backup');
    const bytes = await file.toBuffer();
    if (file.file.truncated) {
      throw new AppError(413, 'UPLOAD_TOO_LARGE', 'exchangeErrors.upload.backupTooLarge', { megabytes: Math.round(limit / 1048576) });
    }
    const report = await restoreBackup(app.db, await withTimeLimit(() => readBackup(bytes), app.config.importTimeLimitMs, 'backup'), request.auth!.user.id, requestTranslator(request));
    await app.services.searchIndexes.get(report.project.id);
    return reply.status(201).send(report);
  });
};
