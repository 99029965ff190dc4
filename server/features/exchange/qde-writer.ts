/**
 * Writes a project as REFI-QDA `project.qde` (urn:QDA-XML:project:1.0, Project-mrt2019.xsd) with
 * the source files that go next to it in a .qdpx. Positions are Unicode code points of the exported
 * plain text (the canonical text, UTF-8), converted only through `CodePointIndex`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { APP_VERSION } from '../../version';
import { CodePointIndex } from './positions';
import { renderCodes } from './qde-codebook';
import { renderSets, renderVariablesAndCases } from './qde-cases';
import { loadRefiProject, type RefiDocument, type RefiProjectData, type RefiSegment } from './qde-project-data';
import { attrs, refiGuid, shorten, xmlText, xsdDateTime } from './qde-xml';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** A project export: the XML, the files for `sources/`, and what was left out. */
export interface ProjectExport {
  name: string;
  xml: string;
  /** Paths inside the .qdpx (`sources/<guid>.txt`, `sources/<guid>.docx`) and their bytes. */
  files: { path: string; bytes: Buffer }[];
  /** Segments not exported as selections: orphaned, or no longer matching the current text. */
  skippedSegments: number;
}

/** Reads the project and renders it (see `renderProjectQde`). */
export async function buildProjectExport(db: Kysely<Database>, projectId: string): Promise<ProjectExport> {
  return renderProjectQde(await loadRefiProject(db, projectId));
}

/**
 * The project.qde XML of a project (UTF-8 text). Its `plainTextPath`/`richTextPath` point to
 * `internal://<guid>.txt|.docx`, the files `buildProjectQdpx` puts under `sources/`.
 *
 * @example
 * const xml = await buildProjectQde(app.db, projectId); // '<?xml version="1.0" encoding="utf-8"?>\n<Project …'
 */
export async function buildProjectQde(db: Kysely<Database>, projectId: string): Promise<string> {
  return (await buildProjectExport(db, projectId)).xml;
}

/** A segment becomes a selection only when it is anchored in the current revision and still cuts its quote. */
function exportable(doc: RefiDocument, s: RefiSegment): boolean {
  return s.status === 'anchored' && s.revision_id === doc.current_revision_id && s.start_offset >= 0 && s.start_offset < s.end_offset
    && s.end_offset <= doc.text.length && doc.text.slice(s.start_offset, s.end_offset) === s.exact;
}

/** Renders loaded project data as project.qde plus its source files. */
export function renderProjectQde(data: RefiProjectData): ProjectExport {
  const { project } = data;
  const userIds = new Set(data.users.map((u) => u.id));
  const user = (id: string | null) => (id && userIds.has(id) ? refiGuid(id) : undefined);
  const codeIds = new Set(data.codes.map((c) => c.id));

  // Where each memo's NoteRef goes.
  const notesOn = new Map<string, string[]>();
  const projectNotes: string[] = [];
  for (const memo of data.memos) {
    const guid = refiGuid(memo.id);
    if (memo.target_type === 'project' || !memo.target_id) projectNotes.push(guid);
    else notesOn.set(memo.target_id, [...notesOn.get(memo.target_id) ?? [], guid]);
  }
  const noteRefs = (id: string, pad: string) => (notesOn.get(id) ?? []).map((g) => `${pad}<NoteRef targetGUID="${g}"/>\n`).join('');

  const codingsOf = new Map<string, typeof data.codings>();
  for (const c of data.codings) if (codeIds.has(c.code_id)) codingsOf.set(c.segment_id, [...codingsOf.get(c.segment_id) ?? [], c]);
  const segmentsOf = new Map<string, RefiSegment[]>();
  for (const s of data.segments) segmentsOf.set(s.document_id, [...segmentsOf.get(s.document_id) ?? [], s]);

  let xml = `<?xml version="1.0" encoding="utf-8"?>\n<Project${attrs({
    xmlns: PROJECT_NAMESPACE, name: project.name, origin: `SOCPREV Workbench ${APP_VERSION}`,
    creatingUserGUID: user(project.created_by), creationDateTime: xsdDateTime(project.created_at), modifiedDateTime: xsdDateTime(project.updated_at),
  })}>\n`;
  if (data.users.length) {
    xml += '  <Users>\n';
    for (const u of data.users) xml += `    <User${attrs({ guid: refiGuid(u.id), name: u.name, id: u.email })}/>\n`;
    xml += '  </Users>\n';
  }
  if (data.codes.length) {
    const codeNotes = new Map([...codeIds].map((id) => [id, notesOn.get(id) ?? []]));
    xml += `  <CodeBook>\n    <Codes>\n${renderCodes(data.codes, '      ', codeNotes)}    </Codes>\n  </CodeBook>\n`;
  }
  xml += renderVariablesAndCases(data);

  const files: ProjectExport['files'] = [];
  let skippedSegments = 0;
  if (data.documents.length) {
    xml += '  <Sources>\n';
    for (const doc of data.documents) {
      const guid = refiGuid(doc.id);
      files.push({ path: `sources/${guid}.txt`, bytes: Buffer.from(doc.text, 'utf8') });
      if (doc.docx) files.push({ path: `sources/${guid}.docx`, bytes: doc.docx });
      xml += `    <TextSource${attrs({
        guid, name: doc.name, richTextPath: doc.docx ? `internal://${guid}.docx` : undefined, plainTextPath: `internal://${guid}.txt`,
        creatingUser: user(doc.created_by), creationDateTime: xsdDateTime(doc.created_at), modifiedDateTime: xsdDateTime(doc.updated_at),
      })}>\n`;
      if (doc.file_name) xml += `      <Description>${xmlText(`Imported from ${doc.file_name}`)}</Description>\n`;
      const index = new CodePointIndex(doc.text);
      for (const s of segmentsOf.get(doc.id) ?? []) {
        if (!exportable(doc, s)) {
          skippedSegments++;
          continue;
        }
        xml += `      <PlainTextSelection${attrs({
          guid: refiGuid(s.id), name: shorten(s.exact), startPosition: index.toCodePoints(s.start_offset), endPosition: index.toCodePoints(s.end_offset),
          creatingUser: user(s.created_by), creationDateTime: xsdDateTime(s.created_at), modifiedDateTime: xsdDateTime(s.updated_at),
        })}>\n`;
        for (const c of codingsOf.get(s.id) ?? []) {
          xml += `        <Coding${attrs({ guid: refiGuid(c.id), creatingUser: user(c.coder_id), creationDateTime: xsdDateTime(c.created_at) })}>\n`;
          xml += `          <CodeRef targetGUID="${refiGuid(c.code_id)}"/>\n        </Coding>\n`;
        }
        xml += `${noteRefs(s.id, '        ')}      </PlainTextSelection>\n`;
      }
      xml += `${noteRefs(doc.id, '      ')}    </TextSource>\n`;
    }
    xml += '  </Sources>\n';
  }
  if (data.memos.length) {
    xml += '  <Notes>\n';
    for (const memo of data.memos) {
      xml += `    <Note${attrs({
        guid: refiGuid(memo.id), name: memo.title.trim() || shorten(memo.body, 60) || 'Memo', creatingUser: user(memo.author_id),
        creationDateTime: xsdDateTime(memo.created_at), modifiedDateTime: xsdDateTime(memo.updated_at),
      })}>\n      <PlainTextContent>${xmlText(memo.body)}</PlainTextContent>\n    </Note>\n`;
    }
    xml += '  </Notes>\n';
  }
  // A memo tagged with codes: one link from the note to each code.
  const links = data.memos.flatMap((m) => (data.memoCodes.get(m.id) ?? []).filter((c) => codeIds.has(c)).map((c) => ({ memo: m.id, code: c })));
  if (links.length) {
    xml += '  <Links>\n';
    for (const l of links) {
      xml += `    <Link${attrs({ guid: refiGuid(`${l.memo}:link:${l.code}`), name: 'Memo tagged with code', direction: 'OneWay', originGUID: refiGuid(l.memo), targetGUID: refiGuid(l.code) })}/>\n`;
    }
    xml += '  </Links>\n';
  }
  xml += renderSets(data);
  if (project.description.trim()) xml += `  <Description>${xmlText(project.description)}</Description>\n`;
  for (const g of projectNotes) xml += `  <NoteRef targetGUID="${g}"/>\n`;
  xml += '</Project>\n';
  return { name: project.name, xml, files, skippedSegments };
}
