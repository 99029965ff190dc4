/**
 * Parsing of clock-like timestamps found in transcripts and subtitles.
 *
 * All functions are linear in the length of their input and never throw.
 */

/**
 * Parse a clock timestamp into milliseconds.
 *
 * Accepts `m:ss`, `mm:ss`, `h:mm:ss`, `hh:mm:ss` and non-padded forms such as `0:0:0`,
 * each optionally followed by a fraction `.mmm` or `,mmm` (1–3 digits, read as a decimal
 * fraction of a second). Minutes and seconds must be below 60 when an hour part is present.
 *
 * @example
 * parseClockTime('12:34')        // 754000
 * parseClockTime('01:02:03.5')   // 3723500
 * parseClockTime('0:0:0.210')    // 210
 * parseClockTime('10:30 am')     // null
 * @returns milliseconds, or null when `value` is not a timestamp
 */
export function parseClockTime(value: string): number | null {
  const match = /^(\d{1,3}):(\d{1,2})(?::(\d{1,2}))?(?:[.,](\d{1,3}))?$/.exec(value);
  if (!match) return null;
  const [, a, b, c, frac] = match;
  let hours = 0;
  let minutes: number;
  let seconds: number;
  if (c !== undefined) {
    hours = Number(a);
    minutes = Number(b);
    seconds = Number(c);
    if (minutes >= 60) return null;
  } else {
    minutes = Number(a);
    seconds = Number(b);
  }
  if (seconds >= 60) return null;
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, '0'));
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

/**
 * Parse a subtitle cue timestamp (`hh:mm:ss.mmm`, `mm:ss.mmm`, `0:0:0.210`, SRT's `00:00:01,000`).
 * Unlike {@link parseClockTime} a fraction is optional but the value must contain a colon.
 * @returns milliseconds, or null when malformed
 */
export function parseCueTime(value: string): number | null {
  return parseClockTime(value.trim());
}

/**
 * Parse a subtitle timing line `start --> end [settings]`.
 * @example parseTimingLine('00:00:01,000 --> 00:00:04,000') // { startMs: 1000, endMs: 4000 }
 * @returns the times, or null when the line contains `-->` but a time is malformed
 */
export function parseTimingLine(line: string): { startMs: number; endMs: number } | null {
  const arrow = line.indexOf('-->');
  if (arrow < 0) return null;
  const left = line.slice(0, arrow).trim();
  const right = line.slice(arrow + 3).trim();
  const firstSpace = right.search(/\s/);
  const endToken = firstSpace < 0 ? right : right.slice(0, firstSpace);
  const startMs = parseCueTime(left);
  const endMs = parseCueTime(endToken);
  if (startMs === null || endMs === null) return null;
  return { startMs, endMs: Math.max(startMs, endMs) };
}

/**
 * If `token` is a timestamp, optionally wrapped in `[…]` or `(…)`, return it in milliseconds.
 * @example parseTimestampToken('[00:01:02]') // 62000
 */
export function parseTimestampToken(token: string): number | null {
  let inner = token;
  if (
    (inner.startsWith('[') && inner.endsWith(']')) ||
    (inner.startsWith('(') && inner.endsWith(')'))
  ) {
    inner = inner.slice(1, -1).trim();
  }
  return parseClockTime(inner);
}

/**
 * Split a leading timestamp (bracketed `[00:01:02]`, `(00:01:02)` or bare `00:01:02`) off a line.
 * @returns the time, the rest of the line (trimmed) and whether the timestamp was bracketed;
 *          null when the line does not start with a timestamp
 */
export function splitLeadingTimestamp(
  line: string,
): { ms: number; rest: string; bracketed: boolean } | null {
  const first = line.charAt(0);
  if (first === '[' || first === '(') {
    const close = line.indexOf(first === '[' ? ']' : ')');
    if (close < 2 || close > 16) return null;
    const ms = parseClockTime(line.slice(1, close).trim());
    if (ms === null) return null;
    return { ms, rest: line.slice(close + 1).trim(), bracketed: true };
  }
  if (first >= '0' && first <= '9') {
    let end = 0;
    while (end < line.length && end < 14 && !/\s/.test(line.charAt(end))) end++;
    const ms = parseClockTime(line.slice(0, end));
    if (ms === null) return null;
    return { ms, rest: line.slice(end).trim(), bracketed: false };
  }
  return null;
}

/**
 * Split a trailing timestamp (`Name  12:34`, `Name [00:01:02]`, `Name (0:03)`) off a line.
 * @returns the time and the part before it (trimmed), or null
 */
export function splitTrailingTimestamp(line: string): { ms: number; before: string } | null {
  const trimmed = line.trimEnd();
  let start = trimmed.length;
  // A timestamp token is at most 16 characters and contains no whitespace.
  while (start > 0 && trimmed.length - start < 17 && !/\s/.test(trimmed.charAt(start - 1))) start--;
  if (start === 0 || start === trimmed.length) return null;
  const ms = parseTimestampToken(trimmed.slice(start));
  if (ms === null) return null;
  return { ms, before: trimmed.slice(0, start).trim() };
}
