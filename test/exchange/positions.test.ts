import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../server/features/exchange/positions';

describe('CodePointIndex', () => {
  it('is the identity on text without astral characters', () => {
    const p = new CodePointIndex('Enquêtrice : déjà vu');
    for (let i = 0; i <= p.text.length; i++) {
      expect(p.toCodePoints(i)).toBe(i);
      expect(p.toUtf16(i)).toBe(i);
    }
  });

  it('counts a surrogate pair as one code point, both ways', () => {
    const text = 'a😀b𝄞c';
    const p = new CodePointIndex(text);
    expect(p.codePointLength).toBe([...text].length);
    const boundaries = [0, 1, 3, 4, 6, 7];
    boundaries.forEach((u, cp) => {
      expect(p.toCodePoints(u)).toBe(cp);
      expect(p.toUtf16(cp)).toBe(u);
    });
  });

  it('agrees with Array.from on a long mixed text', () => {
    const text = Array.from({ length: 500 }, (_, i) => (i % 7 === 0 ? '👍' : i % 5 === 0 ? 'é' : 'x')).join('');
    const p = new CodePointIndex(text);
    const points = Array.from(text);
    let u = 0;
    points.forEach((ch, cp) => {
      expect(p.toUtf16(cp)).toBe(u);
      expect(p.toCodePoints(u)).toBe(cp);
      u += ch.length;
    });
    expect(p.toUtf16(points.length)).toBe(text.length);
    expect(p.toUtf16(points.length + 5)).toBe(text.length);
  });
});
