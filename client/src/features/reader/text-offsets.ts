/**
 * Between the rendered transcript and text offsets. Each turn's text is one `.turn-text`
 * element holding exactly `text.slice(start, end)` as a single text node, with `data-start`;
 * so a DOM position maps to an offset by addition, with no conversion (both are UTF-16).
 */
export interface TurnNode {
  start: number;
  end: number;
  element: HTMLElement;
  /** The turn's text node (Lit keeps comment markers around it, so it is not always the first child). */
  text: Text | null;
}

function textNodeOf(element: HTMLElement): Text | null {
  for (const node of Array.from(element.childNodes)) if (node.nodeType === Node.TEXT_NODE && node.textContent) return node as Text;
  return null;
}

/** The rendered turns of `container`, in text order. */
export function turnNodes(container: ParentNode): TurnNode[] {
  return Array.from(container.querySelectorAll<HTMLElement>('.turn-text')).map((element) => {
    const start = Number(element.dataset.start);
    const text = textNodeOf(element);
    return { start, end: start + (text?.length ?? 0), element, text };
  });
}

function localOffset(turn: TurnNode, node: Node, offset: number, atEnd: boolean): number {
  const text = turn.text;
  if (!text) return 0;
  if (node === text) return offset;
  // A position given on the element itself (between its child nodes) or elsewhere inside it.
  if (node === turn.element) {
    const index = Array.from(turn.element.childNodes).indexOf(text);
    return offset <= index ? 0 : text.length;
  }
  return atEnd ? text.length : 0;
}

/**
 * The text offsets a DOM range covers, or null when it touches no transcript text.
 * A selection that starts or ends on a speaker name snaps to the nearest turn text.
 */
export function rangeToOffsets(range: Range, turns: TurnNode[]): { start: number; end: number } | null {
  let start: number | null = null;
  let end: number | null = null;
  for (const turn of turns) {
    const text = turn.text;
    if (!text || !range.intersectsNode(text)) continue;
    const s = turn.element.contains(range.startContainer) ? localOffset(turn, range.startContainer, range.startOffset, false) : 0;
    const e = turn.element.contains(range.endContainer) ? localOffset(turn, range.endContainer, range.endOffset, true) : text.length;
    if (start === null) start = turn.start + s;
    end = turn.start + e;
  }
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** Index of the first turn whose end lies after `offset` (binary search). */
function firstTurnAfter(turns: TurnNode[], offset: number): number {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** DOM ranges (one per turn touched) covering `start`–`end`, for highlights and scrolling. */
export function offsetsToRanges(turns: TurnNode[], start: number, end: number): Range[] {
  const ranges: Range[] = [];
  for (let i = firstTurnAfter(turns, start); i < turns.length && turns[i]!.start < end; i++) {
    const turn = turns[i]!;
    const text = turn.text;
    if (!text) continue;
    const s = Math.max(start, turn.start) - turn.start;
    const e = Math.min(end, turn.end) - turn.start;
    if (e <= s) continue;
    const range = document.createRange();
    range.setStart(text, s);
    range.setEnd(text, e);
    ranges.push(range);
  }
  return ranges;
}

/** The text offset under a point of the screen (for clicks on highlighted text), or null. */
export function offsetAtPoint(turns: TurnNode[], x: number, y: number): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const position = doc.caretPositionFromPoint?.(x, y);
  const node = position?.offsetNode ?? document.caretRangeFromPoint?.(x, y)?.startContainer;
  const offset = position?.offset ?? document.caretRangeFromPoint?.(x, y)?.startOffset ?? 0;
  if (!node) return null;
  const turn = turns.find((t) => t.text === node);
  return turn ? turn.start + offset : null;
}
