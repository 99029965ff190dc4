import type { Code } from '../../api/types';

/** Pure helpers over the flat list of codes the API returns (an adjacency list). */

export const byPosition = (a: Code, b: Code) => a.position - b.position || a.name.localeCompare(b.name);

/** Children of every code (key null: the top level), each list in codebook order. */
export function childrenOf(codes: Code[]): Map<string | null, Code[]> {
  const ids = new Set(codes.map((c) => c.id));
  const out = new Map<string | null, Code[]>();
  for (const c of codes) {
    // A parent that is not in the list (should not happen) puts the code at the top level.
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    const list = out.get(parent);
    if (list) list.push(c);
    else out.set(parent, [c]);
  }
  for (const list of out.values()) list.sort(byPosition);
  return out;
}

/** `Parent › Child` names of every code. */
export function pathNames(codes: Code[]): Map<string, string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const out = new Map<string, string>();
  const path = (c: Code, depth = 0): string => {
    const cached = out.get(c.id);
    if (cached) return cached;
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    const p = parent && depth < 50 ? `${path(parent, depth + 1)} › ${c.name}` : c.name;
    out.set(c.id, p);
    return p;
  };
  for (const c of codes) path(c);
  return out;
}

/** `id` and every code below it. */
export function subtreeIds(codes: Code[], id: string): Set<string> {
  const children = childrenOf(codes);
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.has(next)) continue;
    out.add(next);
    for (const child of children.get(next) ?? []) stack.push(child.id);
  }
  return out;
}

/** The codes above `id`, nearest first. */
export function ancestorIds(codes: Code[], id: string): string[] {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const out: string[] = [];
  let current = byId.get(id)?.parentId ?? null;
  while (current && !out.includes(current)) {
    out.push(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return out;
}

/** Lower case without accents, for filtering ("Hérôïne" matches "heroine"). */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

export interface TreeRow {
  code: Code;
  /** 1 for top-level codes (as aria-level). */
  level: number;
  parentId: string | null;
  hasChildren: boolean;
  expanded: boolean;
  /** Position among the shown siblings, from 1, and their number (aria-posinset / aria-setsize). */
  posInSet: number;
  setSize: number;
  /** The name matches the filter (false for ancestors shown only to give context). */
  match: boolean;
}

export interface TreeOptions {
  collapsed: ReadonlySet<string>;
  filter: string;
  showArchived: boolean;
}

/**
 * The rows of the tree in display order. A code shows when it passes the filter (and is not
 * archived, unless archived codes are shown) or when something below it shows; while a filter is
 * typed, every code with a shown descendant is open.
 */
export function treeRows(codes: Code[], options: TreeOptions): TreeRow[] {
  const children = childrenOf(codes);
  const q = fold(options.filter.trim());
  const selfMatches = (c: Code) => (options.showArchived || !c.archived) && (!q || fold(c.name).includes(q));
  const shown = new Map<string, boolean>();
  const isShown = (c: Code, guard = 0): boolean => {
    const known = shown.get(c.id);
    if (known !== undefined) return known;
    const result = selfMatches(c) || (guard < 100 && (children.get(c.id) ?? []).some((child) => isShown(child, guard + 1)));
    shown.set(c.id, result);
    return result;
  };
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const walk = (parentId: string | null, level: number) => {
    const siblings = (children.get(parentId) ?? []).filter((c) => isShown(c));
    siblings.forEach((c, i) => {
      if (seen.has(c.id)) return;
      seen.add(c.id);
      const shownChildren = (children.get(c.id) ?? []).filter((child) => isShown(child));
      const expanded = shownChildren.length > 0 && (q ? true : !options.collapsed.has(c.id));
      rows.push({ code: c, level, parentId, hasChildren: shownChildren.length > 0, expanded, posInSet: i + 1, setSize: siblings.length, match: selfMatches(c) });
      if (expanded) walk(c.id, level + 1);
    });
  };
  walk(null, 1);
  return rows;
}

/** Where a code lands when dropped on `target`'s upper quarter, lower quarter or middle. */
export type DropZone = 'before' | 'after' | 'into';

/**
 * The `move` call (new parent and position among the new siblings without the moved code) for
 * dropping `movedId` before, after or into `targetId`; null when the drop makes no sense
 * (onto itself or into its own sub-tree). Below an open code (`targetExpanded`) is its first sub-code.
 */
export function moveForDrop(codes: Code[], movedId: string, targetId: string, zone: DropZone, targetExpanded = false): { parentId: string | null; position?: number } | null {
  if (subtreeIds(codes, movedId).has(targetId)) return null;
  const target = codes.find((c) => c.id === targetId);
  if (!target) return null;
  if (zone === 'into') return { parentId: target.id };
  // Just below an open code is where its first sub-code shows: the drop lands there.
  if (zone === 'after' && targetExpanded) return { parentId: target.id, position: 0 };
  const parentId = target.parentId;
  const siblings = (childrenOf(codes).get(parentId) ?? []).filter((c) => c.id !== movedId);
  const index = siblings.findIndex((c) => c.id === targetId);
  return { parentId, position: zone === 'before' ? index : index + 1 };
}

/**
 * Moving a code one place up or down among its siblings, skipping siblings that are not shown
 * (archived ones while they are hidden); null at either end.
 */
export function moveStep(codes: Code[], id: string, direction: -1 | 1, isShown: (c: Code) => boolean = () => true): { parentId: string | null; position: number } | null {
  const code = codes.find((c) => c.id === id);
  if (!code) return null;
  const all = childrenOf(codes).get(code.parentId && codes.some((c) => c.id === code.parentId) ? code.parentId : null) ?? [];
  const visible = all.filter((c) => c.id === id || isShown(c));
  const at = visible.findIndex((c) => c.id === id);
  const neighbour = visible[at + direction];
  if (!neighbour) return null;
  const others = all.filter((c) => c.id !== id);
  const index = others.findIndex((c) => c.id === neighbour.id);
  return { parentId: code.parentId, position: direction === -1 ? index : index + 1 };
}
