import { describe, expect, it } from 'vitest';
import { assembleTranscript, canonicalTurnText, joinTurnTexts, type RawTurn } from '../../server/import/canonical-text';
import { TranscriptImportError, type NormalisedTranscript } from '../../server/import/types';
import { expectWellFormed, turnPairs, wellFormednessProblems } from './transcript-invariants';

const raw = (speakerLabel: string | null, text: string, mediaStartMs: number | null = null, mediaEndMs: number | null = null): RawTurn => ({
  speakerLabel,
  text,
  mediaStartMs,
  mediaEndMs,
});

describe('canonicalTurnText', () => {
  it.each([
    ['  Hello \r\n\r\n  world\t', 'Hello\nworld'],
    ['a\rb\u2028c\u2029d\u000Be\u000Cf', 'a\nb\nc\nd\ne\nf'],
    ['cafe\u0301', 'café'],
    ['\uFEFFbom\u0000nul\u0007bel', 'bomnulbel'],
    ['tab\tinside', 'tab\tinside'],
    ['lone \uD800 surrogate', 'lone \uFFFD surrogate'],
    ['emoji 😀 kept', 'emoji 😀 kept'],
    [' \n \n ', ''],
  ])('%j → %j', (input, expected) => {
    expect(canonicalTurnText(input)).toBe(expected);
  });
});

describe('joinTurnTexts', () => {
  it('reports UTF-16 offsets', () => {
    expect(joinTurnTexts(['a😀', 'bc'])).toEqual({ text: 'a😀\n\nbc', ranges: [{ start: 0, end: 3 }, { start: 5, end: 7 }] });
  });
});

describe('assembleTranscript', () => {
  it('builds speakers with normalised keys, first-seen names and roles', () => {
    const t = assembleTranscript('txt', 'utf-8', [
      raw(null, 'Project: X'),
      raw('Interviewer1', 'How are you?'),
      raw('Respondent', 'Fine.'),
      raw('INTERVIEWER 1', 'Good.'),
      raw('Note', ''),
    ], ['a warning']);
    expectWellFormed(t);
    expect(t.speakers).toEqual([
      { key: 'interviewer 1', name: 'Interviewer1', role: 'interviewer' },
      { key: 'respondent', name: 'Respondent', role: 'respondent' },
    ]);
    expect(t.text).toBe('Project: X\n\nHow are you?\n\nFine.\n\nGood.');
    expect(t.turns[1]).toEqual({ speakerKey: 'interviewer 1', start: 12, end: 24, mediaStartMs: null, mediaEndMs: null });
    expect(t.warnings).toEqual(['a warning']);
  });

  it('merges consecutive turns of one speaker only when asked', () => {
    const turns = [raw('Anna', 'Hello', 0, 1000), raw('Anna', 'there.', 1000, 2500), raw(null, 'music', 2500, 3000), raw('Anna', 'Again.', 3000, 4000)];
    const merged = assembleTranscript('vtt', 'utf-8', turns, [], { mergeSameSpeaker: true });
    expectWellFormed(merged);
    expect(turnPairs(merged)).toEqual([['Anna', 'Hello there.'], [null, 'music'], ['Anna', 'Again.']]);
    expect(merged.turns[0]).toMatchObject({ mediaStartMs: 0, mediaEndMs: 2500 });
    const separate = assembleTranscript('txt', 'utf-8', turns, []);
    expect(separate.turns).toHaveLength(4);
  });

  it('stays linear when merging thousands of cues', () => {
    const turns = Array.from({ length: 20_000 }, (_, i) => raw('Anna', `word${i}`, i * 10, i * 10 + 10));
    const t = assembleTranscript('vtt', 'utf-8', turns, [], { mergeSameSpeaker: true });
    expect(t.turns).toHaveLength(1);
    expect(t.turns[0]).toMatchObject({ mediaStartMs: 0, mediaEndMs: 200_000 });
    expect(t.text.split(' ')).toHaveLength(20_000);
  });

  it('throws EMPTY_FILE when nothing is left', () => {
    expect(() => assembleTranscript('txt', 'utf-8', [raw(null, '  '), raw('A', '\n')], [])).toThrow(TranscriptImportError);
  });
});

describe('the well-formedness check itself', () => {
  it('notices broken offsets, stray whitespace and unknown speakers', () => {
    const broken: NormalisedTranscript = {
      format: 'txt',
      encoding: 'utf-8',
      warnings: [],
      text: 'Hello \n\nWorld\r',
      speakers: [{ key: 'ghost', name: 'Ghost', role: 'other' }],
      turns: [
        { speakerKey: 'nobody', start: 0, end: 6, mediaStartMs: null, mediaEndMs: null },
        { speakerKey: null, start: 9, end: 14, mediaStartMs: null, mediaEndMs: null },
      ],
    };
    const problems = wellFormednessProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'text contains \\r',
        'line 1 has leading or trailing whitespace',
        'turn 1 starts at 9, expected 8',
        'unknown speaker nobody',
        'speaker ghost has no turn',
      ]),
    );
  });
});
