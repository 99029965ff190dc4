/**
 * Document attributes as REFI-QDA Variables and Cases (one case per document, holding its values
 * and a SourceRef), and the documents grouped by respondent group as Sets.
 */
import type { RefiProjectData } from './qde-project-data';
import { attrs, refiGuid, xmlText } from './qde-xml';

type VariableType = 'Text' | 'Float' | 'Date';
interface Variable { guid: string; name: string; type: VariableType; description?: string; valueOf: (documentId: string) => string | undefined }

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** The variables to export: the built-in document fields that have values, then every project attribute. */
function variables(data: RefiProjectData): Variable[] {
  const pid = data.project.id;
  const docs = new Map(data.documents.map((d) => [d.id, d]));
  const out: Variable[] = [];
  const builtIn = (key: string, name: string, type: VariableType, description: string, get: (id: string) => string | null | undefined) => {
    if (!data.documents.some((d) => get(d.id))) return;
    out.push({ guid: refiGuid(`${pid}:variable:${key}`), name, type, description, valueOf: (id) => get(id) ?? undefined });
  };
  builtIn('respondent_group', 'Respondent group', 'Text', 'international or belgian', (id) => docs.get(id)?.respondent_group);
  builtIn('language', 'Language', 'Text', 'Language of the transcript: nl, fr, en or other', (id) => docs.get(id)?.language);
  builtIn('interview_date', 'Interview date', 'Date', 'Date of the interview', (id) => {
    const v = docs.get(id)?.interview_date?.slice(0, 10);
    return v && isDate(v) ? v : undefined;
  });
  for (const attribute of data.attributes) {
    const valueOf = (id: string) => data.attributeValues.get(id)?.get(attribute.id) || undefined;
    const values = data.documents.map((d) => valueOf(d.id)).filter((v): v is string => v !== undefined);
    // A number or date attribute falls back to text when a stored value does not fit the type.
    const type: VariableType = attribute.type === 'number' && values.every((v) => DECIMAL.test(v.trim())) ? 'Float'
      : attribute.type === 'date' && values.every((v) => isDate(v.trim())) ? 'Date' : 'Text';
    out.push({ guid: refiGuid(attribute.id), name: attribute.name, type, valueOf: (id) => (type === 'Text' ? valueOf(id) : valueOf(id)?.trim()) });
  }
  return out;
}

const VALUE_ELEMENT: Record<VariableType, string> = { Text: 'TextValue', Float: 'FloatValue', Date: 'DateValue' };

/** The GUID of a document's case. */
export const caseGuid = (projectId: string, documentId: string) => refiGuid(`${projectId}:case:${documentId}`);

/**
 * `<Variables>` and `<Cases>` (each only when non-empty, as the schema requires).
 *
 * @example
 * renderVariablesAndCases(data); // '  <Variables>…</Variables>\n  <Cases>…</Cases>\n'
 */
export function renderVariablesAndCases(data: RefiProjectData): string {
  const vars = variables(data);
  let out = '';
  if (vars.length) {
    out += '  <Variables>\n';
    for (const v of vars) {
      const head = `    <Variable${attrs({ guid: v.guid, name: v.name, typeOfVariable: v.type })}`;
      out += v.description ? `${head}>\n      <Description>${xmlText(v.description)}</Description>\n    </Variable>\n` : `${head}/>\n`;
    }
    out += '  </Variables>\n';
  }
  if (data.documents.length) {
    out += '  <Cases>\n';
    for (const doc of data.documents) {
      out += `    <Case${attrs({ guid: caseGuid(data.project.id, doc.id), name: doc.name })}>\n`;
      for (const v of vars) {
        const value = v.valueOf(doc.id);
        if (value === undefined) continue;
        const el = VALUE_ELEMENT[v.type];
        out += `      <VariableValue>\n        <VariableRef targetGUID="${v.guid}"/>\n        <${el}>${xmlText(value)}</${el}>\n      </VariableValue>\n`;
      }
      out += `      <SourceRef targetGUID="${refiGuid(doc.id)}"/>\n    </Case>\n`;
    }
    out += '  </Cases>\n';
  }
  return out;
}

/** `<Sets>`: one set of documents per respondent group in use (nothing when no document has one). */
export function renderSets(data: RefiProjectData): string {
  const groups = new Map<string, string[]>();
  for (const doc of data.documents) {
    if (doc.respondent_group) groups.set(doc.respondent_group, [...groups.get(doc.respondent_group) ?? [], refiGuid(doc.id)]);
  }
  if (!groups.size) return '';
  let out = '  <Sets>\n';
  for (const [group, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    out += `    <Set${attrs({ guid: refiGuid(`${data.project.id}:set:respondent_group:${group}`), name: `Respondent group: ${group}` })}>\n`;
    out += `      <Description>${xmlText(`Documents whose respondent group is ${group}`)}</Description>\n`;
    for (const m of members) out += `      <MemberSource targetGUID="${m}"/>\n`;
    out += '    </Set>\n';
  }
  return `${out}  </Sets>\n`;
}
