import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use instead of at start. Large packages that only some
 * requests need (spreadsheets, citations, XML, the PostgreSQL driver on SQLite) made every start
 * slower by about half a second (issue 9: serving within 3 s of start).
 *
 * @example
 * const excel = lazyModule<typeof import('exceljs')>('exceljs');
 * const workbook = new (excel().Workbook)();
 */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
