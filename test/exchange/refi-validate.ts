/**
 * Test helpers for REFI-QDA files: the official schemas from `../shared/refi-qda` (skipped with a
 * clear message when absent, failing with REQUIRE_SHARED=1), XSD validation with xmllint-wasm,
 * unzipping a .qdpx in memory and reading its XML without entity expansion.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import yauzl from 'yauzl';

/** Absolute path of `../shared/refi-qda` (or `$SOCPREV_SHARED_DIR/refi-qda`). */
export const refiSchemaDir = process.env.SOCPREV_SHARED_DIR
  ? join(process.env.SOCPREV_SHARED_DIR, 'refi-qda')
  : fileURLToPath(new URL('../../../shared/refi-qda', import.meta.url));

export const PROJECT_XSD = 'Project-mrt2019.xsd';
export const CODEBOOK_XSD = 'Codebook-mrt2019.xsd';

/** True when both official schemas are there. */
export const refiSchemasPresent = [PROJECT_XSD, CODEBOOK_XSD].every((f) => existsSync(join(refiSchemaDir, f)));

/** `describe` for tests that need the official schemas: skipped (saying why) or failing with REQUIRE_SHARED=1. */
export function describeWithSchemas(name: string, body: () => void): void {
  if (refiSchemasPresent) {
    describe(name, body);
  } else if (process.env.REQUIRE_SHARED === '1') {
    describe(name, () => {
      it('needs ../shared/refi-qda', () => {
        throw new Error(`The REFI-QDA schemas are absent (looked in ${refiSchemaDir}) and REQUIRE_SHARED=1 requires them.`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": the REFI-QDA schemas in ../shared/refi-qda are absent (${refiSchemaDir}). Set REQUIRE_SHARED=1 to make this a failure.`);
    describe.skip(`${name} — skipped: ../shared/refi-qda is absent (${refiSchemaDir})`, body);
  }
}

/** Validates XML against one of the official schemas; resolves with xmllint's error messages (empty when valid). */
export async function xsdErrors(xml: string, xsd: typeof PROJECT_XSD | typeof CODEBOOK_XSD): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'export.xml', contents: xml },
    schema: { fileName: xsd, contents: readFileSync(join(refiSchemaDir, xsd), 'utf8') },
    initialMemoryPages: 512, maxMemoryPages: 16384,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Every entry of a zip, by name. */
export function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => { out.set(entry.fileName, Buffer.concat(chunks)); zip.readEntry(); });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const ARRAYS = new Set(['User', 'Code', 'Variable', 'Case', 'VariableValue', 'SourceRef', 'TextSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'Note', 'Link', 'Set', 'MemberSource']);

/** Parses exported XML (attributes as `@_name`, repeatable elements always arrays, no DOCTYPE entities). */
export function parseRefi(xml: string): Record<string, any> {
  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '@_', parseAttributeValue: false, parseTagValue: false, trimValues: false,
    processEntities: true, htmlEntities: false, isArray: (name) => ARRAYS.has(name),
  });
  return parser.parse(xml);
}
