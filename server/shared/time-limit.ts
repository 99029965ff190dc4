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
 * by the size caps, so they cannot run long in the first place. Work that finished but took longer
 * than `ms` without letting the timer run (no yield to the event loop) is refused the same way, so
 * the limit does not depend on how a reader happens to schedule itself. Never wrap a database
 * transaction: it would go on after the answer.
 *
 * @example const sheet = await withTimeLimit(() => readSheet(name, bytes), 60_000, 'spreadsheet');
 */
export async function withTimeLimit<T>(work: () => Promise<T>, ms: number, what: TimeLimitSubject): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = () => new TimeLimitError(Math.max(1, Math.round(ms / 1000)), what);
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout()), ms);
  });
  const started = performance.now();
  const running = work();
  running.catch(() => {}); // a rejection after the deadline must not become an unhandled rejection
  try {
    const result = await Promise.race([running, deadline]);
    if (performance.now() - started > ms) throw timeout();
    return result;
  } finally {
    clearTimeout(timer);
  }
}
