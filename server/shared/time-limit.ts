import { AppError } from '../errors';

/** Thrown by `withTimeLimit` when the work took too long; the routes answer it as 422 IMPORT_TIMEOUT. */
export class TimeLimitError extends AppError {
  constructor(seconds: number, what: TimeLimitSubject) {
    super(422, 'IMPORT_TIMEOUT', 'errors.timeLimit', typeof what === 'string' ? { count: seconds, kind: what } : { count: seconds, kind: 'file', fileName: what.fileName });
    this.name = 'TimeLimitError';
  }
}

/** What is being read: a named file, or a kind of file (`errors.timeLimitSubject.<kind>`). */
export type TimeLimitSubject = { fileName: string } | 'refiProject' | 'codebook' | 'backup' | 'spreadsheet';

/**
 * Runs `work` (the reading/parsing step of an import, which writes nothing) with a deadline: when
 * it has not settled after `ms`, the returned promise rejects with a 422 IMPORT_TIMEOUT and the
 * result, if any ever comes, is discarded. Work that yields to the event loop (mammoth, exceljs,
 * yauzl, citation-js) is abandoned at the deadline; the synchronous parsers are linear and bounded
 * by the size caps, so they cannot run long in the first place. Never wrap a database transaction:
 * it would go on after the answer.
 *
 * @example const sheet = await withTimeLimit(() => readSheet(name, bytes), 60_000, 'spreadsheet');
 */
export async function withTimeLimit<T>(work: () => Promise<T>, ms: number, what: TimeLimitSubject): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeLimitError(Math.max(1, Math.round(ms / 1000)), what)), ms);
  });
  const running = work();
  running.catch(() => {}); // a rejection after the deadline must not become an unhandled rejection
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
