import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { safeFileName } from './documents.service';

/**
 * Reads every part of a multipart upload into memory before anything is imported, so a
 * request that breaks a limit (count, total size) is refused whole with nothing written.
 * A single file over the per-file limit is reported by name, not fatal for the others.
 */
export async function readUploads(request: FastifyRequest, config: Config) {
  if (!request.isMultipart()) throw new AppError(400, 'NOT_MULTIPART', 'errors.notMultipart');
  const files: { fileName: string; bytes: Buffer }[] = [];
  const tooLarge: string[] = [];
  const fields: Record<string, string> = {};
  let total = 0;
  for await (const part of request.parts()) {
    if (part.type !== 'file') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    const bytes = await part.toBuffer();
    if (part.file.truncated) {
      tooLarge.push(safeFileName(part.filename));
      continue;
    }
    total += bytes.length;
    if (total > config.maxUploadTotalBytes) {
      throw new AppError(413, 'UPLOAD_TOO_LARGE', 'documentErrors.upload.totalTooLarge', { megabytes: Math.round(config.maxUploadTotalBytes / 1048576) });
    }
    files.push({ fileName: part.filename, bytes });
  }
  return { files, tooLarge, fields };
}

/**
 * The text of one uploaded CSV: the multipart field "file", or a text/csv body. Refuses a missing
 * file and one over the upload limit with a clear 400.
 */
export async function readCsvUpload(request: FastifyRequest): Promise<string> {
  if (request.isMultipart()) {
    const file = await request.file();
    if (!file) throw new AppError(400, 'NO_FILES', 'documentErrors.upload.noCsv');
    const bytes = await file.toBuffer();
    if (file.file.truncated) throw new AppError(400, 'FILE_TOO_LARGE', 'documentErrors.upload.csvTooLarge');
    return bytes.toString('utf8');
  }
  if (typeof request.body === 'string') return request.body;
  throw new AppError(400, 'NO_FILES', 'documentErrors.upload.csvBody');
}
