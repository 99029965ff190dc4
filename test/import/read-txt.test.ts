import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTranscript } from '../../server/import/read-transcript';
import { detectTextTurns } from '../../server/import/text-turns';
import type { NormalisedTranscript } from '../../server/import/types';
import { expectWellFormed, turnPairs } from './transcript-invariants';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url));

async function read(name: string): Promise<NormalisedTranscript> {
  const t = await readTranscript(name, fixture(name));
  expectWellFormed(t);
  return t;
}

function roles(t: NormalisedTranscript): Record<string, string> {
  return Object.fromEntries(t.speakers.map((s) => [s.name, s.role]));
}

describe('plain-text speaker formats (fixtures)', () => {
  it('Name: labels, header lines stay paragraphs, sentences with colons, URLs and times are not labels', async () => {
    const t = await read('colon-labels-en.txt');
    expect(turnPairs(t)).toEqual([
      [null, 'Project: Neighbourhood prevention study'],
      [null, 'Date: 2025-03-01'],
      ['Interviewer', 'Thank you for taking part. How long have you lived here?'],
      ['Respondent', 'About twelve years now.\nI moved here when my daughter was born.'],
      ['Interviewer', 'What changed in that time?'],
      [
        'Respondent',
        'A lot, honestly.\nThe problem is: money. There is less of it for youth work.\nhttp://example.org/report has the figures.\n10:30 was the time the youth centre closed every night.',
      ],
      ['Interviewer', 'When did you notice that?'],
      ['Respondent', 'Around 2019.'],
    ]);
    expect(roles(t)).toEqual({ Interviewer: 'interviewer', Respondent: 'respondent' });
    expect(t.format).toBe('txt');
    expect(t.encoding).toBe('utf-8');
  });

  it('French typography: a space before the colon', async () => {
    const t = await read('french-spacing.txt');
    expect(turnPairs(t)[0]).toEqual(['Enquêteur', 'Bonjour, pouvez-vous vous présenter ?']);
    expect(t.turns).toHaveLength(4);
    expect(roles(t)).toEqual({ Enquêteur: 'interviewer', Répondante: 'respondent' });
  });

  it('numbered labels written three ways are one speaker, first spelling kept', async () => {
    const t = await read('numbered-labels-nl.txt');
    expect(t.speakers).toEqual([
      { key: 'interviewer 1', name: 'Interviewer 1', role: 'interviewer' },
      { key: 'geïnterviewde', name: 'Geïnterviewde', role: 'respondent' },
    ]);
    expect(t.turns.map((x) => x.speakerKey)).toEqual(['interviewer 1', 'geïnterviewde', 'interviewer 1', 'interviewer 1', 'geïnterviewde']);
  });

  it.each([
    ['short-labels-ir.txt', { I: 'interviewer', R: 'respondent' }, ['I', 'How did you first hear about the project?']],
    ['short-labels-qa.txt', { Q: 'interviewer', A: 'respondent' }, ['Q', 'Where do young people meet?']],
    ['bracket-ids.txt', { Int: 'interviewer', id1: 'respondent' }, ['Int', 'What does prevention mean to you?']],
  ] as const)('short labels: %s', async (name, expectedRoles, first) => {
    const t = await read(name);
    expect(roles(t)).toEqual(expectedRoles);
    expect(turnPairs(t)[0]).toEqual(first);
    expect(t.turns).toHaveLength(4);
    expect(t.text).not.toMatch(/^(?:[IRQA]:|\[(?:Int|id1)\])/mu);
  });

  it('keeps a bracketed annotation ([laughs]) in the text', async () => {
    const t = await read('bracket-ids.txt');
    expect(turnPairs(t)[3]).toEqual(['id1', '[laughs] Last summer, with the football team.']);
  });

  it('Otter.ai: "Name  m:ss" line, turn on the next lines, timestamps kept as media times', async () => {
    const t = await read('otter.txt');
    expect(turnPairs(t)).toEqual([
      ['Speaker 1', 'Thanks for joining. Can you tell me about your work?'],
      ['Maria Jansen', 'Sure. I coordinate the youth programme.\nWe run three evenings a week.'],
      ['Speaker 1', 'What is the hardest part?'],
      ['Maria Jansen', 'Funding, every year again.'],
    ]);
    expect(t.turns.map((x) => x.mediaStartMs)).toEqual([0, 7000, 3723000, 3730000]);
    expect(roles(t)).toEqual({ 'Speaker 1': 'interviewer', 'Maria Jansen': 'respondent' });
    expect(t.text).not.toMatch(/\d:\d\d/u);
  });

  it('a name alone on a line, when the pattern repeats', async () => {
    const t = await read('bare-names.txt');
    expect(turnPairs(t)).toEqual([
      [null, 'Interview transcript'],
      ['Interviewer', 'How did the project start?'],
      ['Amira', 'It started with a group of parents.\nThey met in the school hall.'],
      ['Interviewer', 'Who paid for it?'],
      ['Amira', 'The city, at first.'],
    ]);
  });

  it('bracketed timestamps before or after the label become media times', async () => {
    const t = await read('bracketed-timestamps.txt');
    expect(t.turns.map((x) => x.mediaStartMs)).toEqual([5000, 9000, 62000, 70000, 120000, 125000]);
    expect(turnPairs(t).map(([, text]) => text)).toEqual([
      'Welcome.', 'Thank you.', 'How did you hear about us?', 'Through my neighbour.', 'And then?', 'Then I joined.',
    ]);
    expect(t.text).not.toMatch(/[[(]\d/u);
  });

  it.each(['teams.txt', 'teams-lines.txt'])('Microsoft Teams export: %s', async (name) => {
    const t = await read(name);
    expect(turnPairs(t)).toEqual([
      ['Anna de Vries', 'Can everyone hear me?'],
      ['Tom Peeters', 'Yes, loud and clear.'],
      ['Anna de Vries', "Good, then let's begin."],
    ]);
    expect(t.turns.map((x) => x.mediaStartMs)).toEqual([3000, 7000, 12000]);
  });

  it('Zoom transcript "[Name] hh:mm:ss"', async () => {
    const t = await read('zoom.txt');
    expect(turnPairs(t)).toEqual([
      ['Anna de Vries', 'Welcome everyone, shall we start?'],
      ['Tom Peeters', "Yes, let's go."],
      ['Anna de Vries', 'First question: what changed this year?'],
    ]);
    expect(t.turns[0].mediaStartMs).toBe(((10 * 60 + 15) * 60 + 2) * 1000);
  });

  it('Zoom chat "hh:mm:ss From Name : text"', async () => {
    const t = await read('zoom-chat.txt');
    expect(turnPairs(t)).toEqual([
      ['Anna de Vries', 'Welcome everyone'],
      ['Tom Peeters', 'Thanks!'],
      ['Anna de Vries', 'Shall we start?'],
    ]);
  });

  it('text without speakers: one paragraph per blank-line block', async () => {
    const t = await read('no-speakers-paragraphs.txt');
    expect(t.speakers).toEqual([]);
    expect(turnPairs(t)).toEqual([
      [null, 'Field notes, visit to the youth centre.\nThe building was quiet when we arrived.'],
      [null, 'Three volunteers were preparing the evening.\nOne of them explained the schedule.'],
      [null, 'We left at nine.'],
    ]);
  });

  it('text without speakers and without blank lines: one paragraph per line', async () => {
    const t = await read('no-speakers-lines.txt');
    expect(t.turns).toHaveLength(3);
    expect(t.turns.every((x) => x.speakerKey === null)).toBe(true);
  });

  it('Markdown: emphasis around labels removed, heading kept as a paragraph without "#"', async () => {
    const t = await read('markdown-labels.md');
    expect(t.format).toBe('md');
    expect(turnPairs(t)).toEqual([
      [null, 'Interview 4 – youth worker'],
      ['Interviewer', 'How did you start?'],
      ['Respondent', 'By accident, really.'],
      ['Interviewer', 'And now?'],
      ['Respondent', 'Now it is my job.'],
    ]);
    expect(t.text).not.toMatch(/[*_#]/u);
  });

  it('UTF-16 LE with BOM (committed fixture)', async () => {
    const t = await read('dutch-utf16le-bom.txt');
    expect(t.encoding).toBe('utf-16le');
    expect(turnPairs(t)[1]).toEqual(['Respondent', 'Er zijn vóór het misgaat – dat is één ding.']);
  });
});

describe('canonical text from messy plain text', () => {
  it('CRLF, NFD, trailing whitespace, tabs and BOM become canonical', async () => {
    const raw = '\uFEFFInterviewer:  Hoe gaat het?   \r\n\r\n\r\nRespondent:\tGoed, de cafe\u0301 is open.\t\r\n  En de school ook.  \r\n';
    const t = await readTranscript('x.txt', Buffer.from(raw, 'utf8'));
    expectWellFormed(t);
    expect(t.text).toBe('Hoe gaat het?\n\nGoed, de café is open.\nEn de school ook.');
  });

  it('a multi-line turn keeps its inner paragraphs joined by one line break', async () => {
    const t = await readTranscript('x.txt', Buffer.from('I: One?\n\nR: First paragraph.\n\nSecond paragraph.\n\n\nThird.\nI: Two?'));
    expect(turnPairs(t)[1]).toEqual(['R', 'First paragraph.\nSecond paragraph.\nThird.']);
  });

  it('a once-only "Word:" line inside a turn is not a new speaker', async () => {
    const t = await readTranscript(
      'x.txt',
      Buffer.from('Interviewer: What was the issue?\nRespondent: Well.\nMoney: that was it, always.\nInterviewer: I see.\nRespondent: Yes.'),
    );
    expect(t.speakers.map((s) => s.name)).toEqual(['Interviewer', 'Respondent']);
    expect(turnPairs(t)[1]).toEqual(['Respondent', 'Well.\nMoney: that was it, always.']);
  });

  it('a short dialogue with once-only names is still recognised', async () => {
    const t = await readTranscript('x.txt', Buffer.from('Anna: How are you?\nBram: Fine, thanks.'));
    expect(turnPairs(t)).toEqual([
      ['Anna', 'How are you?'],
      ['Bram', 'Fine, thanks.'],
    ]);
  });

  it('a once-only named speaker after the interview has started is accepted when labels dominate', async () => {
    const t = await readTranscript(
      'x.txt',
      Buffer.from('Interviewer: Hi?\nRespondent: Hello.\nInterviewer: Who is that?\nTom Peeters: Just me, sorry.\nRespondent: My neighbour.'),
    );
    expect(t.speakers.map((s) => s.name)).toEqual(['Interviewer', 'Respondent', 'Tom Peeters']);
  });

  it('header lines with known role words before the recurring labels stay paragraphs', async () => {
    const t = await readTranscript(
      'x.txt',
      Buffer.from('Interviewer: Jane Doe\nRespondent: P12\n\nI: Hello?\nR: Hi.\nI: Ready?\nR: Yes.'),
    );
    expect(turnPairs(t).slice(0, 3)).toEqual([
      [null, 'Interviewer: Jane Doe'],
      [null, 'Respondent: P12'],
      ['I', 'Hello?'],
    ]);
  });

  it('speakerless lines that are short replies are not taken for names', () => {
    const turns = detectTextTurns(['Do you like it?', 'Yes', 'Why?', 'Yes', 'And the others?', 'No', 'Really?', 'No'], {
      paragraphs: 'lines',
    });
    expect(turns.every((x) => x.speakerLabel === null)).toBe(true);
    expect(turns).toHaveLength(8);
  });

  it('a text whose lines start with bracketed times becomes dated paragraphs', async () => {
    const t = await readTranscript('x.txt', Buffer.from('[00:00:01] We start.\n[00:00:09] The room fills.\n\n[00:01:00] A new topic.'));
    expect(turnPairs(t)).toEqual([
      [null, 'We start.'],
      [null, 'The room fills.'],
      [null, 'A new topic.'],
    ]);
    expect(t.turns.map((x) => x.mediaStartMs)).toEqual([1000, 9000, 60000]);
  });

  it('Windows-1252 text with CRLF', async () => {
    const bytes = Buffer.from([
      ...Buffer.from('Enqu'), 0xea, ...Buffer.from('teur : '), 0x93, ...Buffer.from('Bonjour'), 0x94, 0x0d, 0x0a,
      ...Buffer.from('R'), 0xe9, ...Buffer.from('pondant : Bonjour '), 0x80, 0x0d, 0x0a,
    ]);
    const t = await readTranscript('fr.txt', bytes);
    expectWellFormed(t);
    expect(t.encoding).toBe('windows-1252');
    expect(turnPairs(t)).toEqual([
      ['Enquêteur', '“Bonjour”'],
      ['Répondant', 'Bonjour €'],
    ]);
  });

  it('old Teams export: timing line, name line, text — times kept, no arrow left in the text', async () => {
    const t = await readTranscript(
      'teams.txt',
      Buffer.from('0:0:0.0 --> 0:0:5.270\nYuri Bakulin\nThere you go.\n\n0:0:5.500 --> 0:0:7.000\nAdrian Petrescu\nWhy hello there.\n\n0:0:7.100 --> 0:0:9.000\nYuri Bakulin\nShall we?\n\n0:0:9.500 --> 0:0:11.000\nAdrian Petrescu\nYes.'),
    );
    expectWellFormed(t);
    expect(turnPairs(t)).toEqual([
      ['Yuri Bakulin', 'There you go.'],
      ['Adrian Petrescu', 'Why hello there.'],
      ['Yuri Bakulin', 'Shall we?'],
      ['Adrian Petrescu', 'Yes.'],
    ]);
    expect(t.turns.map((x) => x.mediaStartMs)).toEqual([0, 5500, 7100, 9500]);
  });

  it.each([
    ['WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anna>Hi</v>\n', 'vtt', 'WebVTT'],
    ['1\n00:00:01,000 --> 00:00:02,000\nAnna: Hi\n', 'srt', 'SRT'],
  ] as const)('subtitles saved as .txt are read as subtitles (%#)', async (content, format, name) => {
    const t = await readTranscript('captions.txt', Buffer.from(content));
    expectWellFormed(t);
    expect(t.format).toBe(format);
    expect(turnPairs(t)).toEqual([['Anna', 'Hi']]);
    expect(t.warnings[0]).toContain(name);
  });
});

