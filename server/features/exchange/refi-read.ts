import { badRequest } from '../../errors';
import type { RefiCode, RefiProject, RefiSelection, RefiTextSource, RefiVariableValue } from './refi-model';
import { attr, child, children, childText, parseXmlSafely, type XmlNode } from './safe-xml';

/** GUIDs compare lower case without braces (files write them in any case, bare or in `{}`). */
export const normGuid = (guid: string): string => guid.trim().replace(/^\{|\}$/g, '').toLowerCase();

const HIERARCHY = '::';
const OTHER_SOURCES = ['PDFSource', 'PictureSource', 'AudioSource', 'VideoSource'];
const SELECTION_KINDS = ['PictureSelection', 'PDFSelection', 'AudioSelection', 'VideoSelection', 'PlainTextSelection', 'TranscriptSelection'];

const guidOf = (node: XmlNode) => normGuid(attr(node, 'guid'));
const userOf = (node: XmlNode, name: string) => (attr(node, name) ? normGuid(attr(node, name)) : null);
const noteRefs = (node: XmlNode) => children(node, 'NoteRef').map((r) => normGuid(attr(r, 'targetGUID'))).filter(Boolean);
const colour = (value: string) => {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(value.trim());
  if (!m) return null;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return `#${hex}`;
};

function readCode(node: XmlNode): RefiCode {
  return {
    guid: guidOf(node), name: attr(node, 'name').trim(), color: colour(attr(node, 'color')),
    description: childText(node, 'Description').trim(), children: children(node, 'Code').map(readCode), noteRefs: noteRefs(node),
  };
}

/**
 * Puts codes written as `A::B` (ATLAS.ti's hierarchy in names) under `A`, creating `A` when the
 * file has no such code. Nested codes are kept as they are.
 */
export function unfoldNameHierarchy(codes: RefiCode[]): RefiCode[] {
  const top: RefiCode[] = [];
  const byName = new Map<string, RefiCode>();
  const flat = codes.filter((c) => !c.name.includes(HIERARCHY));
  for (const c of flat) {
    top.push(c);
    byName.set(c.name.toLocaleLowerCase(), c);
  }
  for (const c of codes.filter((x) => x.name.includes(HIERARCHY))) {
    const parts = c.name.split(HIERARCHY).map((p) => p.trim()).filter(Boolean);
    let siblings = top;
    let key = '';
    for (const part of parts.slice(0, -1)) {
      key = key ? `${key}${HIERARCHY}${part.toLocaleLowerCase()}` : part.toLocaleLowerCase();
      let parent = byName.get(key);
      if (!parent) {
        parent = { guid: '', name: part, color: c.color, description: '', children: [], noteRefs: [] };
        byName.set(key, parent);
        siblings.push(parent);
      }
      siblings = parent.children;
    }
    siblings.push({ ...c, name: parts.at(-1) ?? c.name, unfoldedFrom: c.name });
  }
  return top;
}

function readSelection(node: XmlNode): RefiSelection {
  return {
    guid: guidOf(node), name: attr(node, 'name'),
    start: Number.parseInt(attr(node, 'startPosition'), 10), end: Number.parseInt(attr(node, 'endPosition'), 10),
    userGuid: userOf(node, 'creatingUser'), description: childText(node, 'Description').trim(), noteRefs: noteRefs(node),
    codings: children(node, 'Coding').map((c) => ({
      guid: guidOf(c), codeGuid: normGuid(attr(child(c, 'CodeRef'), 'targetGUID')), userGuid: userOf(c, 'creatingUser') ?? userOf(node, 'creatingUser'),
    })),
  };
}

const variableValues = (node: XmlNode): RefiVariableValue[] => children(node, 'VariableValue').map((v) => ({
  variableGuid: normGuid(attr(child(v, 'VariableRef'), 'targetGUID')),
  value: ['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue'].map((k) => childText(v, k)).find((x) => x !== '') ?? '',
}));

function readTextSource(node: XmlNode): RefiTextSource {
  const inline = children(node, 'PlainTextContent').length > 0 ? childText(node, 'PlainTextContent') : null;
  return {
    guid: guidOf(node), name: attr(node, 'name').trim() || 'Untitled source', plainTextPath: attr(node, 'plainTextPath').trim(), richTextPath: attr(node, 'richTextPath').trim(),
    plainTextContent: inline, description: childText(node, 'Description').trim(), selections: children(node, 'PlainTextSelection').map(readSelection),
    noteRefs: noteRefs(node), variables: variableValues(node),
  };
}

/** Reads the XML text of a project.qde into a model (no positions converted yet). */
export function readRefiProject(xml: string): RefiProject {
  // The root element, whatever its namespace prefix (removed by the parser).
  const project = child(parseXmlSafely(xml, 'projectFile'), 'Project');
  if (!project) throw badRequest('NOT_REFI', 'exchangeErrors.refi.rootNotProject');
  const codes = children(child(child(project, 'CodeBook'), 'Codes'), 'Code').map(readCode);
  const sources = child(project, 'Sources');
  const otherSources = OTHER_SOURCES.flatMap((kind) => children(sources, kind).map((s) => ({
    kind, guid: guidOf(s), name: attr(s, 'name'),
    selections: SELECTION_KINDS.reduce((n, k) => n + children(s, k).length, 0) + children(s, 'Representation').reduce((n, r) => n + children(r, 'PlainTextSelection').length, 0),
  })));
  return {
    name: attr(project, 'name').trim() || 'Imported project', origin: attr(project, 'origin').trim(), description: childText(project, 'Description').trim(),
    users: children(child(project, 'Users'), 'User').map((u) => ({ guid: guidOf(u), name: attr(u, 'name').trim() || 'Unnamed user', id: attr(u, 'id').trim() })),
    codes: unfoldNameHierarchy(codes),
    textSources: children(sources, 'TextSource').map(readTextSource),
    otherSources,
    notes: children(child(project, 'Notes'), 'Note').map((n) => ({
      guid: guidOf(n), name: attr(n, 'name').trim(), text: childText(n, 'PlainTextContent'), description: childText(n, 'Description').trim(), userGuid: userOf(n, 'creatingUser'),
    })),
    variables: children(child(project, 'Variables'), 'Variable').map((v) => ({ guid: guidOf(v), name: attr(v, 'name').trim(), type: attr(v, 'typeOfVariable') })),
    cases: children(child(project, 'Cases'), 'Case').map((c) => ({
      guid: guidOf(c), name: attr(c, 'name').trim(), variables: variableValues(c), sourceGuids: children(c, 'SourceRef').map((r) => normGuid(attr(r, 'targetGUID'))),
    })),
    sets: children(child(project, 'Sets'), 'Set').map((s) => ({
      guid: guidOf(s), name: attr(s, 'name').trim(), members: ['MemberCode', 'MemberSource', 'MemberNote'].reduce((n, k) => n + children(s, k).length, 0),
      sourceGuids: children(s, 'MemberSource').map((m) => normGuid(attr(m, 'targetGUID'))),
    })),
    links: children(child(project, 'Links'), 'Link').map((l) => ({ originGuid: normGuid(attr(l, 'originGUID')), targetGuid: normGuid(attr(l, 'targetGUID')) })),
    noteRefs: noteRefs(project),
  };
}

/**
 * Reads a codebook (.qdc) into its codes, whatever namespace version it declares
 * (`codebook:1.0`, `codebook:1:0`, `codebook:0:4`: prefixes are dropped, names matched locally).
 */
export function readRefiCodebook(xml: string): RefiCode[] {
  const doc = parseXmlSafely(xml, 'codebookFile');
  // A whole project given as a codebook: use its codebook.
  const codebook = child(doc, 'CodeBook') ?? child(child(doc, 'Project'), 'CodeBook');
  if (!codebook) throw badRequest('NOT_REFI', 'exchangeErrors.refi.rootNotCodebook');
  return unfoldNameHierarchy(children(child(codebook, 'Codes'), 'Code').map(readCode));
}
