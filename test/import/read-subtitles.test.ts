import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTranscript } from '../../server/import/read-transcript';
import { decodeEntities, parseCueMarkup } from '../../server/import/subtitle-cues';
import { TranscriptImportError, type NormalisedTranscript } from '../../server/import/types';
import { expectWellFormed, turnPairs } from './transcript-invariants';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));

async function read(name: string, bytes: Uint8Array = fixture(name)): Promise<NormalisedTranscript> {
  const t = await readTranscript(name, bytes);
  expectWellFormed(t);
  return t;
}

async function importError(name: string, content: string | Uint8Array): Promise<TranscriptImportError> {
  try {
    await readTranscript(name, typeof content === 'string' ? Buffer.from(content) : content);
  } catch (error) {
    if (error instanceof TranscriptImportError) return error;
    throw error;
  }
  throw new Error('expected a TranscriptImportError');
}

describe('cue markup', () => {
  it.each([
    ['<v Anna>Hi</v>', [{ voice: 'Anna', text: 'Hi' }]],
    ['<v.loud.first Anna Smith>Hi <i>there</i>', [{ voice: 'Anna Smith', text: 'Hi there' }]],
    ['<v Anna>Hi</v> <v Bram>Yo', [{ voice: 'Anna', text: 'Hi' }, { voice: 'Bram', text: 'Yo' }]],
    ['this<00:05:04.199><c> will</c><c.colorE5E5E5> happen</c>', [{ voice: null, text: 'this will happen' }]],
    ['{\\an8}<font color="#fff">Top</font> &amp; <b>bold</b>', [{ voice: null, text: 'Top & bold' }]],
    ['a < b and c > d', [{ voice: null, text: 'a < b and c > d' }]],
  ] as const)('%s', (input, expected) => {
    expect(parseCueMarkup(input)).toEqual(expected);
  });

  it('decodes the entities subtitles use', () => {
    expect(decodeEntities('Q&amp;A &lt;b&gt; a&nbsp;b &lrm;x &#39;y&#x27; &unknown;')).toBe("Q&A <b> a b x 'y' &unknown;");
  });
});

describe('WebVTT (fixtures)', () => {
  it('voice spans, header/STYLE/NOTE blocks, cue ids, non-padded and mm:ss timestamps, entities', async () => {
    const t = await read('voices.vtt');
    expect(t.format).toBe('vtt');
    expect(turnPairs(t)).toEqual([
      ['Interviewer', 'Hoe lang woont u hier al?'],
      ['Respondent', 'Twintig jaar & een beetje. Ik ben hier geboren. Mijn ouders ook.'],
      ['Interviewer', 'En wat is er veranderd?'],
      ['Respondent', 'De buurt <zeker> de jongeren.'],
    ]);
    expect(t.turns.map((x) => [x.mediaStartMs, x.mediaEndMs])).toEqual([
      [1000, 3500],
      [4000, 8250],
      [9500, 11000],
      [12000, 14000],
    ]);
    expect(t.text).not.toMatch(/-->|WEBVTT|NOTE|STYLE|intro-1|&amp;|<v|<\/?[ic]/u);
  });

  it('Name: labels; an unlabelled cue continues the speaker; dialogue dashes break the chain', async () => {
    const t = await read('labels-continuation.vtt');
    expect(turnPairs(t)).toEqual([
      ['Interviewer', 'How did the project start, in your words?'],
      ['Respondent', 'It started with a group of parents who met weekly. They wanted a safe place.'],
      [null, '- Was it safe?\n- Not always.'],
      [null, 'Nobody knows who said this.'],
    ]);
    expect(t.turns[1]).toMatchObject({ mediaStartMs: 2000, mediaEndMs: 6000 });
  });

  it('malformed timing → CORRUPT_FILE naming the line', async () => {
    const error = await importError('bad.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\n00:00:03.000 --> 00:0x:04.000\nThere\n');
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toMatch(/^Line 6 /u);
  });

  it.each([
    ['header only', 'WEBVTT\n\n', 'EMPTY_FILE'],
    ['header and a NOTE only', 'WEBVTT\n\nNOTE nothing here\n', 'EMPTY_FILE'],
    ['only whitespace', ' \n\t\n', 'EMPTY_FILE'],
    ['plain text named .vtt', 'Just some words.\nNo cues at all.', 'CORRUPT_FILE'],
  ])('%s → %s', async (_name, content, code) => {
    expect((await importError('x.vtt', content)).code).toBe(code);
  });

  it('reads cues from a file missing the WEBVTT line, with a warning', async () => {
    const t = await read('x.vtt', Buffer.from('00:00:01.000 --> 00:00:02.000\nAnna: Hi\n'));
    // Every cue is labelled, so even a once-only "Name:" is a speaker in subtitles.
    expect(turnPairs(t)).toEqual([['Anna', 'Hi']]);
    expect(t.warnings).toEqual(['This file does not start with "WEBVTT"; it was read as subtitles anyway.']);
  });

  it('a cue may change speaker mid-cue', async () => {
    const t = await read(
      'x.vtt',
      Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nAnna: Coffee?\nBram: Yes please.\n\n00:00:03.000 --> 00:00:04.000\nAnna: Sugar?\n\n00:00:04.000 --> 00:00:05.000\nBram: No.\n'),
    );
    expect(turnPairs(t)).toEqual([
      ['Anna', 'Coffee?'],
      ['Bram', 'Yes please.'],
      ['Anna', 'Sugar?'],
      ['Bram', 'No.'],
    ]);
  });
});

describe('SRT (fixtures)', () => {
  it('names as "Name:" or "[Name]", <i>/<b>/<font> tags stripped, unlabelled cues continue the turn', async () => {
    const t = await read('names.srt');
    expect(t.format).toBe('srt');
    expect(turnPairs(t)).toEqual([
      ['Interviewer', 'What brought you here?'],
      ['Sam', 'My sister told me about it. She still comes every week.'],
      ['Interviewer', 'And you?'],
      ['Sam', 'Most weeks.'],
    ]);
    expect(t.turns[1]).toMatchObject({ mediaStartMs: 4500, mediaEndMs: 9000 });
    expect(t.text).not.toMatch(/<|>|\[Sam\]|-->/u);
  });

  it('Windows-1252 SRT with CRLF', async () => {
    const t = await read('french-win1252.srt');
    expect(t.encoding).toBe('windows-1252');
    expect(turnPairs(t)).toEqual([
      ['Enquêtrice', 'Ça coûte combien, l’entrée ?'],
      ['Répondant', 'Deux €, « pas cher ».'],
    ]);
    expect(t.speakers.map((s) => s.role)).toEqual(['interviewer', 'respondent']);
  });

  it('malformed timing → CORRUPT_FILE naming the line', async () => {
    const error = await importError('malformed.srt', fixture('malformed.srt'));
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toContain('Line 6');
  });

  it('a once-only "Word:" in a minority of cues is not a speaker', async () => {
    const srt = [1, 2, 3, 4].map((n) => `${n}\n00:00:0${n},000 --> 00:00:0${n},900\n${n === 2 ? 'Warning: wet floor' : `Line ${n}`}\n`).join('\n');
    const t = await read('x.srt', Buffer.from(srt));
    expect(t.speakers).toEqual([]);
    expect(turnPairs(t)[1]).toEqual([null, 'Warning: wet floor']);
  });

  it('a file with no timing lines → CORRUPT_FILE', async () => {
    expect((await importError('x.srt', 'hello\nworld')).code).toBe('CORRUPT_FILE');
  });

  it('UTF-16 LE SRT', async () => {
    const srt = '1\r\n00:00:01,000 --> 00:00:02,000\r\nAnna: één\r\n';
    const t = await read('x.srt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(srt, 'utf16le')]));
    expect(t.encoding).toBe('utf-16le');
    expect(turnPairs(t)).toEqual([['Anna', 'één']]);
  });
});
