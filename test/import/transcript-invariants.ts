/**
 * Assertions every NormalisedTranscript must satisfy (ARCHITECTURE.md "Text and offsets").
 * Checks run in plain code and end in one `expect`, so large transcripts stay fast.
 */
import { expect } from 'vitest';
import type { NormalisedTranscript } from '../../server/import/types';

/** The text of each turn, in order. */
export function turnTexts(t: NormalisedTranscript): string[] {
  return t.turns.map((turn) => t.text.slice(turn.start, turn.end));
}

/** `[speakerName | null, text]` per turn, for compact expectations. */
export function turnPairs(t: NormalisedTranscript): Array<[string | null, string]> {
  const names = new Map(t.speakers.map((s) => [s.key, s.name]));
  return t.turns.map((turn) => [
    turn.speakerKey === null ? null : (names.get(turn.speakerKey) ?? `?${turn.speakerKey}`),
    t.text.slice(turn.start, turn.end),
  ]);
}

/** Problems with a transcript's canonical form; empty when well formed. */
export function wellFormednessProblems(t: NormalisedTranscript): string[] {
  const problems: string[] = [];
  const fail = (message: string) => {
    if (problems.length < 20) problems.push(message);
  };
  if (t.text.length === 0) fail('empty text');
  if (t.text.normalize('NFC') !== t.text) fail('text is not NFC');
  if (t.text.includes('\r')) fail('text contains \\r');
  if (t.text.includes('\uFEFF')) fail('text contains a BOM');
  if (t.text.includes('\n\n\n')) fail('text contains more than one blank line in a row');
  t.text.split('\n').forEach((line, i) => {
    if (line !== line.trim()) fail(`line ${i + 1} has leading or trailing whitespace`);
  });
  if (t.turns.length === 0) fail('no turns');
  let expectedStart = 0;
  t.turns.forEach((turn, i) => {
    if (turn.start !== expectedStart) fail(`turn ${i} starts at ${turn.start}, expected ${expectedStart}`);
    if (turn.end <= turn.start) fail(`turn ${i} is empty`);
    if (turn.end > t.text.length) fail(`turn ${i} ends after the text`);
    if (i > 0 && t.text.slice(turn.start - 2, turn.start) !== '\n\n') fail(`turn ${i} is not preceded by a blank line`);
    if (t.text.slice(turn.start, turn.end).includes('\n\n')) fail(`turn ${i} contains a blank line`);
    expectedStart = turn.end + 2;
  });
  if (t.turns.length > 0 && t.turns[t.turns.length - 1].end !== t.text.length) fail('last turn does not end the text');
  if (turnTexts(t).join('\n\n') !== t.text) fail('turn texts joined by blank lines differ from the text');
  const keys = new Set(t.speakers.map((s) => s.key));
  if (keys.size !== t.speakers.length) fail('duplicate speaker keys');
  for (const turn of t.turns) if (turn.speakerKey !== null && !keys.has(turn.speakerKey)) fail(`unknown speaker ${turn.speakerKey}`);
  const used = new Set(t.turns.map((turn) => turn.speakerKey));
  for (const s of t.speakers) if (!used.has(s.key)) fail(`speaker ${s.key} has no turn`);
  return problems;
}

/** Canonical text, offsets inside the text, turns joined by one blank line, speakers consistent. */
export function expectWellFormed(t: NormalisedTranscript): void {
  expect(wellFormednessProblems(t)).toEqual([]);
}
