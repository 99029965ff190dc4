import type ExcelJS from 'exceljs';
import { lazyModule } from './lazy-module';

/** exceljs, loaded with the first spreadsheet (the largest package of the server, ~0.4 s to load). */
const exceljs = lazyModule<typeof ExcelJS>('exceljs');

/** A new, empty workbook. */
export const newWorkbook = (): ExcelJS.Workbook => new (exceljs().Workbook)();
