/**
 * One term's postings in one field: entry ids (ascending, i.e. in the order entries were added) and
 * term frequencies. The arrays may be views on arrays shared with other terms (after a bulk build or
 * a snapshot): they are only written within their own length, and replaced when they grow.
 */
export class Postings {
  ids: Uint32Array;
  freqs: Uint32Array;
  length = 0;

  constructor(ids?: Uint32Array, freqs?: Uint32Array) {
    this.ids = ids ?? new Uint32Array(2);
    this.freqs = freqs ?? new Uint32Array(2);
    this.length = ids?.length ?? 0;
  }

  push(id: number, freq: number) {
    if (this.length === this.ids.length) {
      // Grow by an eighth: little spare room stays behind when documents are added to a loaded index.
      const capacity = this.length + Math.max(4, this.length >> 3);
      const ids = new Uint32Array(capacity);
      ids.set(this.ids);
      const freqs = new Uint32Array(capacity);
      freqs.set(this.freqs);
      this.ids = ids;
      this.freqs = freqs;
    }
    this.ids[this.length] = id;
    this.freqs[this.length++] = freq;
  }

  /** Drops the entries `dead` says are gone, keeping the order. */
  removeWhere(dead: Uint8Array) {
    let out = 0;
    for (let i = 0; i < this.length; i++) {
      const id = this.ids[i]!;
      if (dead[id]) continue;
      this.ids[out] = id;
      this.freqs[out++] = this.freqs[i]!;
    }
    this.length = out;
  }
}

/** Bounded Levenshtein distance (UTF-16 code units), or `max + 1` when it exceeds `max`. */
export function editDistance(a: string, b: string, max: number, row: Uint32Array): number {
  const n = b.length;
  if (Math.abs(a.length - n) > max) return max + 1;
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    let rowMin = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const above = row[j]!;
      const value = Math.min(diagonal + (c === b.charCodeAt(j - 1) ? 0 : 1), above + 1, row[j - 1]! + 1);
      row[j] = value;
      diagonal = above;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
  }
  return row[n]!;
}
