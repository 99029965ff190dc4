/**
 * The one border where offsets change units. The workbench stores UTF-16 code units (JavaScript
 * string indices); REFI-QDA counts Unicode code points. Importers that meet files written in other
 * units (NVivo's UTF-16 units, CRLF counted as two) convert with the producer's conventions first.
 */

/**
 * Converts offsets of one text between UTF-16 code units and code points, in O(log n) per call
 * after an O(n) scan (texts without astral characters convert at no cost).
 *
 * @example
 * const p = new CodePointIndex('a😀b');
 * p.toCodePoints(3); // 2 (after the emoji)
 * p.toUtf16(2);      // 3
 */
export class CodePointIndex {
  /** UTF-16 offsets of the second unit of every surrogate pair, ascending. */
  private readonly lowSurrogates: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) this.lowSurrogates.push(++i);
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.lowSurrogates.length;
  }

  /** Code-point offset of a UTF-16 offset (an offset inside a pair counts as before it). */
  toCodePoints(utf16: number): number {
    return utf16 - countAtOrBelow(this.lowSurrogates, utf16);
  }

  /** UTF-16 offset of a code-point offset (clamped to the text). */
  toUtf16(codePoints: number): number {
    if (codePoints <= 0) return 0;
    if (codePoints >= this.codePointLength) return this.utf16Length;
    // Smallest u whose code-point offset reaches codePoints.
    let lo = codePoints;
    let hi = Math.min(this.utf16Length, codePoints + this.lowSurrogates.length);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.toCodePoints(mid) < codePoints) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** How many sorted values are ≤ limit. */
function countAtOrBelow(sorted: number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
