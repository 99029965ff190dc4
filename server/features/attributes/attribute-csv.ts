import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { badRequest } from '../../errors';
import { translator, type Translator } from '../../i18n/translator';
import { inferAttributeType, MAX_TEXT_VALUE_LENGTH, parseAttributeValue, parseDate } from '../../shared/attribute-values';
import { BUILTIN_HEADERS, parseLanguage, parseRespondentGroup } from '../../shared/builtin-attributes';
import { nowIso } from '../../shared/ids';
import { documentsRepository } from '../documents/documents.repository';
import { eventsRepository } from '../events/events.repository';
import { attributesRepository } from './attributes.repository';
import { type AttributesService, toDefinition } from './attributes.service';

export interface CsvRowReport {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  key: string;
  documentId: string | null;
  errors: string[];
}

const ENGLISH = translator('en');
const KEY_HEADERS = /^(file|file ?name|filename|document|document name|bestand|bestandsnaam|fichier|nom du fichier|nom)$/i;

/** Splits a CSV into header and rows; the delimiter (`,` `;` or tab, as Excel writes in Belgium) is detected. */
function readCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, delimiter: [',', ';', '\t'], relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw badRequest('CSV_INVALID', 'projectErrors.csvUnreadable', { reason: (error as Error).message });
  }
}

/**
 * Sets document attributes in bulk from a CSV keyed by file name (first column, or a column named
 * "file"/"document"). Columns naming a built-in attribute (respondent group, language, interview
 * date) set it; other columns set the project attribute of that name, created (with a type inferred
 * from the values) when missing. Valid cells are applied in one transaction; every bad row or cell
 * is reported by line, in the reader's language (the translator given; English by default).
 */
export async function importAttributeCsv(db: Kysely<Database>, attributes: AttributesService, projectId: string, userId: string, csvText: string, { t, number }: Translator = ENGLISH) {
  const table = readCsv(csvText);
  if (table.length < 2) throw badRequest('CSV_EMPTY', 'projectErrors.attributeCsvEmpty');
  const header = table[0]!.map((h) => h.trim());
  const keyColumn = Math.max(0, header.findIndex((h) => KEY_HEADERS.test(h)));
  const rows = table.slice(1);

  return db.transaction().execute(async (trx) => {
    const documents = await documentsRepository.listForProject(trx, projectId);
    const byKey = new Map<string, string>();
    for (const d of documents) {
      byKey.set(d.file_name.toLowerCase(), d.id);
      if (!byKey.has(d.name.toLowerCase())) byKey.set(d.name.toLowerCase(), d.id);
    }
    const created: string[] = [];
    const columns = [];
    for (const [index, name] of header.entries()) {
      if (index === keyColumn || !name) continue;
      const builtin = BUILTIN_HEADERS[name.toLowerCase()];
      if (builtin) {
        columns.push({ index, name, builtin, definition: undefined });
        continue;
      }
      let row = (await attributesRepository.definitions(trx, projectId)).find((d) => d.name.toLowerCase() === name.toLowerCase());
      if (!row) {
        const definition = await attributes.create(trx, projectId, userId, { name, type: inferAttributeType(rows.map((r) => r[index] ?? '')) });
        created.push(definition.name);
        row = await attributesRepository.findDefinition(trx, projectId, definition.id);
      }
      columns.push({ index, name, builtin: undefined, definition: toDefinition(row!) });
    }

    const report: CsvRowReport[] = [];
    let updated = 0;
    for (const [i, cells] of rows.entries()) {
      const key = (cells[keyColumn] ?? '').trim();
      const entry: CsvRowReport = { line: i + 2, key, documentId: null, errors: [] };
      report.push(entry);
      const documentId = byKey.get(key.toLowerCase()) ?? byKey.get(key.replace(/\.[^.]+$/, '').toLowerCase());
      if (!documentId) {
        entry.errors.push(key ? t('attributes.import.noDocument', { key }) : t('attributes.import.noKey'));
        continue;
      }
      entry.documentId = documentId;
      const set: Record<string, string | null> = {};
      const values: Record<string, string | null> = {};
      for (const column of columns) {
        const raw = (cells[column.index] ?? '').trim();
        if (column.builtin === 'respondentGroup') {
          const group = raw ? parseRespondentGroup(raw) : null;
          if (raw && !group) entry.errors.push(t('attributes.import.notGroup', { column: column.name, value: raw }));
          else set.respondent_group = group;
        } else if (column.builtin === 'language') {
          const language = raw ? parseLanguage(raw) : 'other';
          if (!language) entry.errors.push(t('attributes.import.notLanguage', { column: column.name, value: raw }));
          else set.language = language;
        } else if (column.builtin === 'interviewDate') {
          const date = raw ? parseDate(raw) : null;
          if (raw && !date) entry.errors.push(t('attributes.import.notDate', { column: column.name, value: raw }));
          else set.interview_date = date;
        } else if (column.definition) {
          if (!raw) {
            values[column.definition.id] = null;
            continue;
          }
          const parsed = parseAttributeValue(column.definition.type, raw, column.definition.choices);
          if (parsed.ok) values[column.definition.id] = parsed.value;
          else entry.errors.push(t(`attributes.import.${parsed.problem}`, { column: column.name, value: raw, max: number(MAX_TEXT_VALUE_LENGTH), choices: column.definition.choices.join(', ') }));
        }
      }
      await documentsRepository.update(trx, documentId, { ...set, updated_at: nowIso() });
      for (const [attributeId, value] of Object.entries(values)) await attributesRepository.setValue(trx, documentId, attributeId, value);
      updated += 1;
    }
    await eventsRepository.record(trx, {
      projectId, userId, type: 'attributes.imported', entityType: 'project', entityId: projectId,
      after: { rows: rows.length, updated, createdAttributes: created, errors: report.filter((r) => r.errors.length).length },
    });
    return { updatedDocuments: updated, createdAttributes: created, rows: report };
  });
}
