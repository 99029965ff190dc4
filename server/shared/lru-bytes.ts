/**
 * A least-recently-used map bounded by the total size of its values (characters, bytes: whatever
 * `sizeOf` counts). For values derived from something that never changes under its key, such as a
 * revision's text (a correction makes a new revision).
 */
export class LruBySize<V> {
  private readonly entries = new Map<string, V>();
  private total = 0;

  constructor(private readonly maxSize: number, private readonly sizeOf: (value: V) => number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map order is insertion order: move it to the most recent end.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V) {
    const size = this.sizeOf(value);
    if (this.entries.has(key) || size > this.maxSize) return;
    this.entries.set(key, value);
    this.total += size;
    for (const [oldest, old] of this.entries) {
      if (this.total <= this.maxSize) break;
      this.entries.delete(oldest);
      this.total -= this.sizeOf(old);
    }
  }

  get size() {
    return this.entries.size;
  }
}

/**
 * The key of something derived from a revision's text. A revision's text never changes once written
 * (a correction makes a new revision); the hash is part of the key all the same, so a revision row
 * replaced under the same id (a restored backup) is never answered from an old entry.
 */
export const revisionKey = (revisionId: string, sha256: string) => `${revisionId}:${sha256}`;
