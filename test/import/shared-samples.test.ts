/**
 * Real files from other tools (../shared/samples, see its SOURCE.md), read in place.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { afterEach, expect, it, vi } from 'vitest';
import { readTranscript } from '../../server/import/read-transcript';
import { TranscriptImportError, type NormalisedTranscript } from '../../server/import/types';
import { describeWithSamples, samplePath } from '../helpers/shared-samples';
import { expectWellFormed, turnPairs, turnTexts } from './transcript-invariants';

async function readSample(folder: string, name: string): Promise<NormalisedTranscript> {
  const t = await readTranscript(name, readFileSync(samplePath(folder, name)));
  expectWellFormed(t);
  return t;
}

async function sampleError(folder: string, name: string): Promise<TranscriptImportError> {
  try {
    await readTranscript(name, readFileSync(samplePath(folder, name)));
  } catch (error) {
    if (error instanceof TranscriptImportError) return error;
    throw error;
  }
  throw new Error(`expected ${name} to be rejected`);
}

const names = (t: NormalisedTranscript) => t.speakers.map((s) => s.name);

afterEach(() => {
  vi.restoreAllMocks();
});

describeWithSamples('shared samples: subtitles', () => {
  it('Zoom VTT: every cue labelled, non-ASCII names, consecutive cues of one speaker merged', async () => {
    const t = await readSample('subtitles', 'ethpm_acde236_2026-05-07_zoom.vtt');
    // Independent count from the raw file: the label before ": " on each cue's text line.
    const raw = readFileSync(samplePath('subtitles', 'ethpm_acde236_2026-05-07_zoom.vtt'), 'utf8').replace(/\r/gu, '').split('\n');
    const labels: string[] = [];
    raw.forEach((line, i) => {
      if (line.includes('-->')) labels.push(raw[i + 1].slice(0, raw[i + 1].indexOf(': ')));
    });
    const changes = labels.filter((label, i) => i === 0 || label !== labels[i - 1]).length;
    expect(labels).toHaveLength(678);
    expect(t.turns).toHaveLength(changes);
    // SOURCE.md says 26 speakers; the file itself has 24 distinct labels.
    expect(new Set(labels).size).toBe(24);
    expect(t.speakers).toHaveLength(24);
    expect(names(t)).toEqual(expect.arrayContaining(['nixo', 'Josh Davis', 'Paweł Bylica', 'Toni Wahrstätter', 'Łukasz Rozmej', 'Marius Van Der Wijden (M)', 'emma (reth)', 'Felix (Geth)', 'Karim T. (matkt)', 'jochem-brouwer']));
    expect(turnPairs(t)[0]).toEqual(['nixo', 'Morning, Josh.']);
    expect(t.turns[0]).toMatchObject({ mediaStartMs: 132430, mediaEndMs: 133540 });
    const last = t.turns[t.turns.length - 1];
    expect(turnPairs(t).at(-1)).toEqual(['Toni Wahrstätter', 'Bye bye.']);
    expect(last).toMatchObject({ mediaStartMs: (92 * 60 + 52) * 1000 + 490, mediaEndMs: (92 * 60 + 53) * 1000 + 469 });
    for (const name of new Set(labels)) expect(t.text).not.toContain(`${name}: `);
    expect(t.text).not.toMatch(/-->|^\d+$/mu);
    for (const turn of t.turns) expect(turn.mediaEndMs ?? 0).toBeGreaterThanOrEqual(turn.mediaStartMs ?? 0);
  });

  it('Buzzsprout SRT: the label is only on the first cue of a turn', async () => {
    const t = await readSample('subtitles', 'podcastns_buzzsprout_example.srt');
    expect(t.format).toBe('srt');
    expect(names(t)).toEqual(['Travis', 'Sarah', 'Gilon']);
    expect(t.turns.map((x) => t.speakers.find((s) => s.key === x.speakerKey)?.name)).toEqual([
      'Travis', 'Sarah', 'Travis', 'Gilon', 'Travis', 'Gilon', 'Travis', 'Sarah', 'Gilon', 'Travis',
    ]);
    expect(turnTexts(t)[0]).toMatch(/^When you first get started in podcasting, it's almost guaranteed that you're going to make a handful of rookie mistakes/u);
    expect(t.turns[0]).toMatchObject({ mediaStartMs: 179, mediaEndMs: 50340 });
    expect(t.turns[1].mediaStartMs).toBe(53030);
    expect(turnTexts(t)[1]).toMatch(/^Creating good audio is/u);
    expect(turnTexts(t).at(-1)).toMatch(/best thing to do is to batch your episodes\.$/u);
    expect(t.text).not.toMatch(/(Travis|Sarah|Gilon):|-->|^\d+$/mu);
  });

  it('Buzzsprout VTT: <v Name> on every cue without closing tag, &amp; decoded', async () => {
    const t = await readSample('subtitles', 'podcastns_buzzsprout_example.vtt');
    expect(names(t)).toEqual(['Sarah', 'Gillian']);
    expect(t.turns).toHaveLength(2);
    expect(turnTexts(t)[0]).toBe(
      "In today's episode, you'll learn whether or not you should have a podcast trailer. And if so, what should you include in one? Welcome to Podcasting Q&A, where you learn the best tips and strategies to launch, grow and monetize your podcast. This week's question comes from Gillian.",
    );
    expect(t.turns.map((x) => [x.mediaStartMs, x.mediaEndMs])).toEqual([
      [0, 18630],
      [19080, 25350],
    ]);
    expect(t.text).not.toMatch(/<v|&amp;/u);
  });

  it('Teams VTT: <v Name>…</v>, non-padded timestamps, overlapping cues', async () => {
    const t = await readSample('subtitles', 'webvttpy_teams_timeframe.vtt');
    expect(turnPairs(t)).toEqual([
      ['Yuri Bakulin', 'There you go.'],
      ['Adrian Petrescu', 'Why hello there, Yuri.'],
    ]);
    expect(t.turns.map((x) => [x.mediaStartMs, x.mediaEndMs])).toEqual([
      [0, 570],
      [210, 1130],
    ]);
  });

  it('YouTube VTT: Kind/Language/Style headers, inline word timestamps and <c> spans stripped, rolling lines de-duplicated', async () => {
    const t = await readSample('subtitles', 'webvttpy_youtube_dl.vtt');
    expect(turnPairs(t)).toEqual([[null, "yeah what this will happen is I'm telling"]]);
    expect(t.turns[0]).toMatchObject({ mediaStartMs: 286070, mediaEndMs: 305400 });
    expect(t.text).not.toMatch(/<|>|Kind:|::cue|##|\d\d:\d\d/u);
  });

  it('VTT with a UTF-8 BOM', async () => {
    const t = await readSample('subtitles', 'webvttpy_captions_with_bom.vtt');
    expect(t.encoding).toBe('utf-8');
    expect(turnTexts(t)).toEqual(['Caption text #1', 'Caption text #2', 'Caption text #3', 'Caption text #4']);
    expect(t.turns[0]).toMatchObject({ speakerKey: null, mediaStartMs: 500, mediaEndMs: 7000 });
  });

  it('VTT with NOTE blocks: comments are left out', async () => {
    const t = await readSample('subtitles', 'webvttpy_comments.vtt');
    expect(turnTexts(t)).toEqual(['- Ta en kopp varmt te.\n- Det är inte varmt.', '- Har en kopp te.\n- Det smakar som te.', '- Ta en kopp']);
    expect(t.text).not.toMatch(/NOTE|Kyle|translate|Translation/u);
    expect(t.turns[0]).toMatchObject({ mediaStartMs: 135000, mediaEndMs: 140000 });
  });

  it('zero-byte VTT → EMPTY_FILE', async () => {
    expect((await sampleError('subtitles', 'webvttpy_empty.vtt')).code).toBe('EMPTY_FILE');
  });

  it('malformed timestamp → CORRUPT_FILE naming line 6', async () => {
    const error = await sampleError('subtitles', 'webvttpy_invalid_timeframe.vtt');
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toMatch(/^Line 6 .*00:00:1d\.890/u);
  });

  it('baseline SRT', async () => {
    const t = await readSample('subtitles', 'webvttpy_sample.srt');
    expect(turnTexts(t)).toEqual(['Caption text #1', 'Caption text #2', 'Caption text #3', 'Caption text #4', 'Caption text #5']);
    expect(t.turns.map((x) => x.mediaStartMs)).toEqual([500, 7000, 11890, 16320, 21580]);
    expect(t.speakers).toEqual([]);
  });
});

describeWithSamples('shared samples: docx (mammoth test data)', () => {
  it.each([
    ['mammoth_single-paragraph.docx', ['Walking on imported air'], []],
    ['mammoth_embedded-style-map.docx', ['Walking on imported air'], []],
    ['mammoth_strict-format.docx', ['Test'], []],
    ['mammoth_underline.docx', ['The Sunset Tree'], []],
    ['mammoth_utf8-bom.docx', ['This XML has a byte order mark.'], []],
    ['mammoth_text-box.docx', ['Datum plane'], []],
    ['mammoth_simple-list.docx', ['Apple', 'Banana'], []],
    ['mammoth_strikethrough.docx', ["Today's Special: Salmon Sold out"], []],
    ['mammoth_tables.docx', ['Above', 'Top left', 'Top right', 'Bottom left', 'Bottom right', 'Below'], []],
    ['mammoth_comments.docx', ['Ouch.'], ['2 comments were left out.']],
    ['mammoth_footnotes.docx', ['Ouch.'], ['2 footnotes and endnotes were left out.']],
    ['mammoth_endnotes.docx', ['Ouch.'], ['2 footnotes and endnotes were left out.']],
  ])('%s', async (name, texts, warnings) => {
    const t = await readSample('docx', name);
    expect(t.format).toBe('docx');
    expect(turnTexts(t)).toEqual(texts);
    expect(t.speakers).toEqual([]);
    expect(t.warnings).toEqual(warnings);
    expect(t.text).not.toMatch(/tachyon|Fin\.|↑|\[1\]/u);
  });

  it('tracked changes: insertions kept, deletions left out, "Link 1:" lines are not speakers', async () => {
    const t = await readSample('docx', 'mammoth_track-changes-test.docx');
    expect(t.speakers).toEqual([]);
    expect(turnTexts(t)).toEqual(expect.arrayContaining(['Track Changes Test', 'And here is much more content.', 'Link 1: www.adobe.com', 'A1', 'A2']));
    expect(t.text).not.toMatch(/default content|some more content|Item 1/u);
  });

  it.each([
    ['mammoth_empty.docx', 'This Word document contains no text.'],
    ['mammoth_empty-r-id.docx', 'This Word document contains no text.'],
    ['mammoth_footnote-hyperlink.docx', 'This Word document contains no text (only a footnote).'],
    ['mammoth_tiny-picture.docx', 'This Word document contains no text (only an image).'],
    ['mammoth_tiny-picture-target-base-relative.docx', 'This Word document contains no text (only an image).'],
  ])('%s → EMPTY_FILE', async (name, message) => {
    const error = await sampleError('docx', name);
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.message).toBe(message);
  });

  it('an external picture link is never fetched', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const spies = [vi.spyOn(http, 'request'), vi.spyOn(http, 'get'), vi.spyOn(https, 'request'), vi.spyOn(https, 'get')];
    const error = await sampleError('docx', 'mammoth_external-picture.docx');
    expect(error.code).toBe('EMPTY_FILE');
    expect(error.message).toContain('only an image');
    expect(fetchSpy).not.toHaveBeenCalled();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
