import { describe, expect, it } from 'vitest';
import { checkLabel, parseLine } from '../../server/import/speaker-labels';

describe('checkLabel', () => {
  it.each([
    ['Interviewer', true],
    ['Interviewer 1', true],
    ['I', true],
    ['Marius Van Der Wijden (M)', true],
    ['Marius van der Wijden', true],
    ['Felix (Geth)', true],
    ['Karim T. (matkt)', true],
    ['Paweł Bylica', true],
    ["Moderator's assistant", true],
    ['The problem is', false],
    ['So what I think is', false],
    ['http', false],
    ['10', false],
    ['One Two Three Four Five Six', false],
    ['A very long label that goes on and on and on', false],
    ['Really?', false],
    ['Well, then', false],
    ['', false],
  ])('%s → ok=%s', (label, ok) => {
    expect(checkLabel(label).ok).toBe(ok);
  });

  it('marks a single lowercase word as weak (speaker only when it recurs)', () => {
    expect(checkLabel('nixo')).toMatchObject({ ok: true, weak: true });
    expect(checkLabel('emma (reth)')).toMatchObject({ ok: true, weak: true });
    expect(checkLabel('Nixo')).toMatchObject({ ok: true, weak: false });
  });
});

describe('parseLine', () => {
  it.each([
    ['Interviewer: How are you?', 'colon', 'Interviewer', 'How are you?', null],
    ['Enquêteur : Bonjour', 'colon', 'Enquêteur', 'Bonjour', null],
    ['Enquêteur\u202F: Bonjour', 'colon', 'Enquêteur', 'Bonjour', null],
    ['Interviewer1: Hi', 'colon', 'Interviewer1', 'Hi', null],
    ['I: Hi', 'colon', 'I', 'Hi', null],
    ['Respondent:', 'colon', 'Respondent', '', null],
    ['Interviewer：全角', 'colon', 'Interviewer', '全角', null],
    ['[Int] What now?', 'bracket', 'Int', 'What now?', null],
    ['[id1]: Yes', 'colon', 'id1', 'Yes', null],
    ['[00:01:02] Anna: Yes', 'colon', 'Anna', 'Yes', 62000],
    ['(00:01:02) Anna: Yes', 'colon', 'Anna', 'Yes', 62000],
    ['00:01:02 Anna: Yes', 'colon', 'Anna', 'Yes', 62000],
    ['Anna (00:01:02): Yes', 'colon', 'Anna', 'Yes', 62000],
    ['Anna [01:02]: Yes', 'colon', 'Anna', 'Yes', 62000],
    ['Anna: [00:01:02] Yes', 'colon', 'Anna', 'Yes', 62000],
    ['Speaker 1  0:03', 'header', 'Speaker 1', '', 3000],
    ['Maria Jansen 1:02:03', 'header', 'Maria Jansen', '', 3723000],
    ['Anna de Vries   12:34', 'header', 'Anna de Vries', '', 754000],
    ['[Anna Smith] 12:00:01', 'header', 'Anna Smith', '', 43201000],
    ['12:00:01 From Anna Smith : Hello', 'chat', 'Anna Smith', 'Hello', 43201000],
    ['12:00:01 From Anna Smith to Everyone: Hello', 'chat', 'Anna Smith', 'Hello', 43201000],
    ['Amira', 'bare', 'Amira', '', null],
  ] as const)('%s → %s label', (line, style, label, text, ms) => {
    const info = parseLine(line);
    expect(info.kind).toBe('label');
    if (info.kind !== 'label') return;
    expect(info.style).toBe(style);
    expect(info.label).toBe(label);
    expect(info.text).toBe(text);
    expect(info.mediaMs).toBe(ms);
  });

  it.each([
    ['The problem is: money', 'The problem is: money', null],
    ['See http://example.org for details', 'See http://example.org for details', null],
    ['http://example.org: the site', 'http://example.org: the site', null],
    ['10:30 is when we met', '10:30 is when we met', null],
    ['Meeting at 10:30', 'Meeting at 10:30', null],
    ['[00:00:12] and then we left.', 'and then we left.', 12000],
    ['Yes, of course.', 'Yes, of course.', null],
    ['so: what then', 'so: what then', null],
  ])('%s → text', (line, text, ms) => {
    const info = parseLine(line);
    const plain = info.kind === 'label' ? { ...info.fallback, weak: info.check.weak } : info;
    if (info.kind === 'label') {
      // Only a weak candidate may remain (a single lowercase word, accepted only when it recurs).
      expect(info.check.weak).toBe(true);
    }
    expect(plain).toMatchObject({ text, mediaMs: ms });
  });

  it('treats a timestamp alone on a line as a time without text', () => {
    expect(parseLine('[00:00:05]')).toEqual({ kind: 'text', text: '', mediaMs: 5000, bracketedTime: true });
    expect(parseLine('   ')).toEqual({ kind: 'blank' });
  });
});
