import { describe, expect, it } from 'vitest';
import { countWords } from '../../server/features/documents/documents.service';

const reference = (text: string) => text.match(/\S+/g)?.length ?? 0;

describe('countWords', () => {
  it('counts \\S+ runs like the regular expression', () => {
    for (const text of ['', ' ', 'a', ' a b  c\n\td', 'x\u00a0y\u3000z\ufeffw\u2028v', 'Hé\u200b!', '\ud83d\ude00 \ud83d\ude00x', 'end ']) {
      expect(countWords(text)).toBe(reference(text));
    }
  });

  it('treats exactly the characters \\s matches as separators', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(countWords(`a${ch}a`), `U+${c.toString(16)}`).toBe(/\s/.test(ch) ? 2 : 1);
    }
  });
});
