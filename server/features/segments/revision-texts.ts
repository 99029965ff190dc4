/**
 * The texts of recently coded revisions, so that checking a coding's quote does not read the
 * whole transcript (tens of KiB) from the database on every request (issue 9).
 *
 * A revision's text never changes once written (a correction makes a new revision). Entries are
 * still keyed by id and sha256 together, so a revision row replaced under the same id (a restored
 * backup) is never answered from an old entry. Bounded by the total length kept, least recently
 * used first out.
 */
export class RevisionTexts {
  private readonly texts = new Map<string, string>();
  private chars = 0;

  constructor(private readonly maxChars = 4_000_000) {}

  get(revisionId: string, sha256: string): string | undefined {
    const key = `${revisionId}:${sha256}`;
    const text = this.texts.get(key);
    if (text !== undefined) {
      // Map order is insertion order: move it to the most recent end.
      this.texts.delete(key);
      this.texts.set(key, text);
    }
    return text;
  }

  set(revisionId: string, sha256: string, text: string) {
    const key = `${revisionId}:${sha256}`;
    if (this.texts.has(key) || text.length > this.maxChars) return;
    this.texts.set(key, text);
    this.chars += text.length;
    for (const [oldest, old] of this.texts) {
      if (this.chars <= this.maxChars) break;
      this.texts.delete(oldest);
      this.chars -= old.length;
    }
  }

  get size() {
    return this.texts.size;
  }
}
