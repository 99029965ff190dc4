/**
 * Recognising a speaker label on one line of plain text.
 *
 * This module only says what a line *could* be (`Name: text`, `[Int] text`, `Name  12:34`,
 * `Name` alone, `12:00:01 From Name : text`); whether a candidate really is a speaker is decided
 * for the whole document in `text-turns.ts` (recurrence, header lines, dominance).
 * Every function is a single linear scan over at most the first ~64 characters of a label.
 */
import { isKnownRoleLabel } from './speaker-roles';
import { parseTimestampToken, parseTimingLine, splitLeadingTimestamp, splitTrailingTimestamp } from './timestamps';

/** Result of {@link checkLabel}. */
export interface LabelCheck {
  /** The string can be a speaker label. */
  ok: boolean;
  /** A single lowercase word (`nixo`, `note`): only a speaker when it recurs. */
  weak: boolean;
  /** Number of words, parenthetical groups included. */
  words: number;
  /** Contains a digit (`Speaker 3`, `P12`). */
  hasDigit: boolean;
}

const MAX_LABEL_CHARS = 40;
const MAX_LABEL_WORDS = 5;
/** Name particles that may be lowercase inside a name ("Marius van der Wijden"). */
const PARTICLES = new Set([
  'van', 'de', 'der', 'den', 'het', 'ten', 'ter', 'te', 'von', 'zu', 'la', 'le', 'les', 'du', 'des',
  'di', 'da', 'del', 'della', 'dos', 'das', 'do', 'e', 'y', 'bin', 'ibn', 'al', 'el', 'af', "'t",
]);
const FORBIDDEN = /[?!,;"“”«»/\\*=<>{}|@#…:：[\]]/u;
/** Non-speech annotations that look like bracketed labels. */
const ANNOTATIONS = new Set([
  'inaudible', 'unclear', 'laughs', 'laughter', 'laughing', 'laugh', 'pause', 'crosstalk',
  'silence', 'music', 'noise', 'applause', 'sighs', 'sigh', 'coughs', 'cough', 'overlap',
  'overlapping', 'break', 'interruption', 'interrupted', 'incomprehensible', 'indistinct',
  'foreign', 'cheering', 'background noise', 'long pause', 'short pause', 'end', 'start',
  'onverstaanbaar', 'onduidelijk', 'lacht', 'lachen', 'gelach', 'stilte', 'pauze', 'zucht',
  'rires', 'rire', 'rit', 'incompréhensible', 'soupir', 'musique',
  'applaudissements', 'blank', 'redacted', 'name', 'naam', 'nom', 'anonymised', 'anonymized',
]);

/**
 * Can this string be a speaker label? At most 40 characters and 5 words, starts with a letter,
 * no sentence punctuation, every word capitalised (name particles and parenthetical groups like
 * `(Geth)` excepted) unless it is a known role label; a single lowercase word is `weak`.
 * @example
 * checkLabel('Interviewer 1').ok       // true
 * checkLabel('The problem is').ok      // false (lowercase words: a sentence)
 * checkLabel('http').ok                // false
 */
export function checkLabel(label: string): LabelCheck {
  const fail: LabelCheck = { ok: false, weak: false, words: 0, hasDigit: false };
  const s = label.trim();
  if (s.length === 0 || s.length > MAX_LABEL_CHARS) return fail;
  if (!/^\p{L}/u.test(s)) return fail;
  const hasDigit = /\d/u.test(s);
  const words = s.split(/\s+/u);
  if (words.length > MAX_LABEL_WORDS) return fail;
  if (isKnownRoleLabel(s)) return { ok: true, weak: false, words: words.length, hasDigit };
  if (FORBIDDEN.test(s.replace(/\([^()]*\)/gu, '()'))) return fail;
  const lower = s.toLowerCase();
  if (['http', 'https', 'ftp', 'mailto', 'file', 'tel', 'www', 'urn', 'data'].includes(lower)) return fail;
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return fail;
  }
  if (depth !== 0) return fail;

  let plainWords = 0;
  let lowercaseFirst = false;
  let inParen = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (inParen || w.startsWith('(')) {
      inParen = !w.endsWith(')');
      continue;
    }
    plainWords++;
    const first = w.charAt(0);
    const isUpper = first !== first.toLowerCase();
    const isDigit = first >= '0' && first <= '9';
    if (isUpper || isDigit) continue;
    if (i > 0 && (PARTICLES.has(w.toLowerCase()) || /^[dl]['’]\p{Lu}/u.test(w))) continue;
    if (i === 0) {
      lowercaseFirst = true;
      continue;
    }
    return fail;
  }
  if (lowercaseFirst && plainWords > 1) return fail;
  return { ok: true, weak: lowercaseFirst, words: words.length, hasDigit };
}

/** True for bracketed non-speech annotations such as `[inaudible]`, `[Laughs]`, `[Music]`. */
export function isAnnotation(label: string): boolean {
  return ANNOTATIONS.has(label.trim().toLowerCase());
}

/** How a candidate label was written. */
export type LabelStyle = 'colon' | 'bracket' | 'header' | 'bare' | 'chat';

/** What one line of text could be. */
export type LineInfo =
  | { kind: 'blank' }
  | { kind: 'text'; text: string; mediaMs: number | null; bracketedTime: boolean }
  | {
      kind: 'label';
      style: LabelStyle;
      label: string;
      /** Turn text on the same line (may be empty). */
      text: string;
      mediaMs: number | null;
      check: LabelCheck;
      /** What the line is if the label turns out not to be a speaker. */
      fallback: { text: string; mediaMs: number | null; bracketedTime: boolean };
    };

/**
 * Index of the colon ending a label (`:` or full-width `：`) outside brackets/parentheses,
 * looking at the first 64 characters only; -1 when none.
 */
export function findLabelColon(line: string): number {
  let depth = 0;
  const limit = Math.min(line.length, 64);
  for (let i = 0; i < limit; i++) {
    const ch = line.charAt(i);
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if ((ch === ':' || ch === '：') && depth === 0) return i;
  }
  return -1;
}

function stripBracketedTime(text: string): { text: string; ms: number | null } {
  const lead = splitLeadingTimestamp(text);
  if (lead && lead.bracketed) return { text: lead.rest, ms: lead.ms };
  return { text, ms: null };
}

/**
 * Classify one line of plain text.
 * @example
 * parseLine('Interviewer 1: How are you?')   // label 'Interviewer 1', text 'How are you?'
 * parseLine('[00:01:02] Anna: Yes')           // label 'Anna', mediaMs 62000
 * parseLine('Speaker 1  0:03')                // header label 'Speaker 1', mediaMs 3000
 * parseLine('The problem is: money')          // text
 */
export function parseLine(line: string): LineInfo {
  const t = line.trim();
  if (t === '') return { kind: 'blank' };
  if (t.includes('-->')) {
    // A subtitle timing line inside a text transcript (old Teams .docx exports).
    const timing = parseTimingLine(t);
    if (timing) return { kind: 'text', text: '', mediaMs: timing.startMs, bracketedTime: false };
  }
  const lead = splitLeadingTimestamp(t);
  const rest = lead ? lead.rest : t;
  const leadMs = lead ? lead.ms : null;
  const fallback = lead?.bracketed
    ? { text: rest, mediaMs: leadMs, bracketedTime: true }
    : lead && rest === ''
      ? { text: '', mediaMs: leadMs, bracketedTime: false }
      : { text: t, mediaMs: null, bracketedTime: false };
  if (rest === '') return { kind: 'text', ...fallback };

  const label = (style: LabelStyle, name: string, text: string, ms: number | null, check: LabelCheck): LineInfo => ({
    kind: 'label', style, label: name, text, mediaMs: ms, check, fallback,
  });

  // Zoom chat: "12:00:01 From Anna Smith : text" / "... From Anna to Everyone: text".
  if (lead && /^from\s/iu.test(rest)) {
    const colon = findLabelColon(rest);
    if (colon > 5) {
      let name = rest.slice(5, colon).trim();
      const to = name.search(/\s+to\s+/iu);
      if (to > 0) name = name.slice(0, to).trim();
      const check = checkLabel(name);
      if (check.ok) return label('chat', name, rest.slice(colon + 1).trim(), leadMs, check);
    }
  }

  // "[Int] text", "[Anna]: text", Zoom "[Anna Smith] 12:00:01".
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close > 1 && close <= MAX_LABEL_CHARS + 1) {
      const inner = rest.slice(1, close).trim();
      const after = rest.slice(close + 1).trim();
      const check = checkLabel(inner);
      if (check.ok) {
        if (after.startsWith(':') || after.startsWith('：')) {
          const body = stripBracketedTime(after.slice(1).trim());
          return label('colon', inner, body.text, leadMs ?? body.ms, check);
        }
        const afterMs = after === '' ? null : parseTimestampToken(after);
        if (afterMs !== null) return label('header', inner, '', leadMs ?? afterMs, check);
        const body = stripBracketedTime(after);
        return label(after === '' ? 'bare' : 'bracket', inner, body.text, leadMs ?? body.ms, check);
      }
    }
  }

  // "Name: text", "Name : text", "Name (00:01:02): text", "Name: [00:01:02] text".
  const colon = findLabelColon(rest);
  if (colon > 0) {
    const after = rest.slice(colon + 1);
    if (!after.startsWith('//') && !/^\d/u.test(after)) {
      let name = rest.slice(0, colon).trim();
      let ms = leadMs;
      const trailing = splitTrailingTimestamp(name);
      if (trailing && trailing.before !== '') {
        name = trailing.before;
        ms ??= trailing.ms;
      }
      const check = checkLabel(name);
      if (check.ok) {
        const body = stripBracketedTime(after.trim());
        return label('colon', name, body.text, ms ?? body.ms, check);
      }
    }
  }

  if (!lead) {
    // Otter / Teams: "Speaker 1  0:03", "Anna Smith 1:02:03", "Anna (00:01:02)".
    const trailing = splitTrailingTimestamp(rest);
    if (trailing && trailing.before !== '') {
      const check = checkLabel(trailing.before);
      if (check.ok) return label('header', trailing.before, '', trailing.ms, check);
    }
  }

  // A name alone on a line (only a speaker when the pattern repeats).
  if ((!lead || lead.bracketed) && rest.length <= MAX_LABEL_CHARS && !/[.:;,]$/u.test(rest)) {
    const check = checkLabel(rest);
    if (check.ok) return label('bare', rest, '', leadMs, check);
  }
  return { kind: 'text', ...fallback };
}
