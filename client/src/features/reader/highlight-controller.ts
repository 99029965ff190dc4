import type { ReaderSegment } from '../../api/types';
import { offsetsToRanges, type TurnNode } from './text-offsets';

/** `#rrggbb` with an alpha, as `rgb(r g b / a)`. */
function translucent(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255} / ${alpha})`;
}

/** False in browsers without the CSS Custom Highlight API (the reader then says so; stripes still show codings). */
export const highlightsSupported = typeof CSS !== 'undefined' && 'highlights' in CSS;

/**
 * Paints codings over the unchanged transcript DOM with the CSS Custom Highlight API: one
 * `Highlight` per code, so overlapping codings of different codes all show and cost nothing
 * in DOM nodes and never changes the text DOM (offsets stay plain additions). Colours live in a
 * constructed stylesheet (allowed by a strict CSP).
 */
export class HighlightController {
  private readonly sheet = new CSSStyleSheet();
  private names: string[] = [];

  constructor() {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
  }

  /** Replaces every coding highlight; `flash` marks one passage (opened from a link or a search). */
  paint(turns: TurnNode[], segments: ReaderSegment[], codeColors: Map<string, string>, flash?: { start: number; end: number } | null) {
    this.clear();
    const byCode = new Map<string, Range[]>();
    for (const segment of segments) {
      if (segment.status !== 'anchored') continue;
      const ranges = offsetsToRanges(turns, segment.start, segment.end);
      for (const coding of segment.codes) byCode.set(coding.codeId, [...(byCode.get(coding.codeId) ?? []), ...ranges]);
    }
    const rules: string[] = [];
    let index = 0;
    for (const [codeId, ranges] of byCode) {
      const name = `socprev-code-${index++}`;
      const color = codeColors.get(codeId) ?? '#888888';
      rules.push(`::highlight(${name}) { background-color: ${translucent(color, 0.36)}; }`);
      this.add(name, ranges);
    }
    if (flash) {
      rules.push('::highlight(socprev-flash) { background-color: rgb(255 214 0 / 0.75); color: #000; }');
      this.add('socprev-flash', offsetsToRanges(turns, flash.start, flash.end));
    }
    this.sheet.replaceSync(rules.join('\n'));
  }

  private add(name: string, ranges: Range[]) {
    if (!highlightsSupported) return;
    CSS.highlights.set(name, new Highlight(...ranges));
    this.names.push(name);
  }

  clear() {
    for (const name of this.names) CSS.highlights.delete(name);
    this.names = [];
  }

  dispose() {
    this.clear();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== this.sheet);
  }
}
