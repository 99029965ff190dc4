/**
 * The code tree as REFI-QDA `<Code>` elements, shared by project.qde and the .qdc codebook
 * (the two schemas differ only in what a Code may hold: a project's codes also carry NoteRefs).
 */
import { attrs, codeDescription, refiGuid, rgbColor, xmlText } from './qde-xml';

export interface CodebookCode {
  id: string; parent_id: string | null; name: string; color: string; archived: number;
  definition: string; inclusion: string; exclusion: string; example: string;
}

/**
 * Codes nested by parent (input already in sibling order). A code whose parent is missing is
 * placed at the top, so no code is lost.
 */
export function codeTree<T extends CodebookCode>(codes: T[]): { roots: T[]; children: Map<string, T[]> } {
  const ids = new Set(codes.map((c) => c.id));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const code of codes) {
    if (code.parent_id && ids.has(code.parent_id) && code.parent_id !== code.id) {
      children.set(code.parent_id, [...children.get(code.parent_id) ?? [], code]);
    } else roots.push(code);
  }
  return { roots, children };
}

/**
 * `<Code>` elements for the whole tree. Archived codes are exported with `isCodable="false"`:
 * they keep their place and their codings but are not meant for new coding.
 *
 * @param noteRefs code id → GUIDs of the notes about the code (project.qde only; omit for .qdc)
 */
export function renderCodes(codes: CodebookCode[], indent: string, noteRefs?: Map<string, string[]>): string {
  const { roots, children } = codeTree(codes);
  const seen = new Set<string>();
  const render = (code: CodebookCode, pad: string): string => {
    if (seen.has(code.id)) return '';
    seen.add(code.id);
    const head = `${pad}<Code${attrs({ guid: refiGuid(code.id), name: code.name, isCodable: code.archived ? 'false' : 'true', color: rgbColor(code.color) })}`;
    const description = codeDescription(code);
    let body = description ? `${pad}  <Description>${xmlText(description)}</Description>\n` : '';
    for (const note of noteRefs?.get(code.id) ?? []) body += `${pad}  <NoteRef targetGUID="${note}"/>\n`;
    for (const child of children.get(code.id) ?? []) body += render(child, `${pad}  `);
    return body ? `${head}>\n${body}${pad}</Code>\n` : `${head}/>\n`;
  };
  let out = roots.map((r) => render(r, indent)).join('');
  // A parent cycle (never made by the workbench) would hide codes: put them at the top instead.
  for (const code of codes) if (!seen.has(code.id)) out += render(code, indent);
  return out;
}
