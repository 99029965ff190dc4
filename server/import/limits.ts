/**
 * Size caps for transcript files, far above any interview (a three-hour interview is about
 * 30,000 words, 200,000 characters and a few thousand turns) yet low enough that one upload cannot
 * take the server's memory or minutes of its time. Checked before the slow work starts where
 * possible (file size, zip expansion), else right after reading.
 */
export const TRANSCRIPT_LIMITS = {
  /** Longest canonical text, in characters (UTF-16 units); the same cap as a corrected revision. */
  maxTextChars: 5_000_000,
  /** Most turns in one transcript. */
  maxTurns: 50_000,
  /** Largest plain-text / subtitle file, in bytes (3 bytes per character at worst in UTF-8, plus labels). */
  maxTextFileBytes: 16 * 1024 * 1024,
  /** A .docx: most entries, most bytes one XML part may unpack to, most bytes all parts together. */
  docx: { maxEntries: 5_000, maxXmlEntryBytes: 8 * 1024 * 1024, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 },
} as const;

const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

/** The researcher-facing sentences for each cap. */
export const LIMIT_MESSAGES = {
  textFile: `This file is larger than ${mb(TRANSCRIPT_LIMITS.maxTextFileBytes)}, far more than one interview. Split it into one file per interview.`,
  text: `This transcript is longer than ${TRANSCRIPT_LIMITS.maxTextChars.toLocaleString('en')} characters, far more than one interview. Split it into one file per interview.`,
  turns: `This transcript has more than ${TRANSCRIPT_LIMITS.maxTurns.toLocaleString('en')} speaker turns, far more than one interview. Split it into one file per interview.`,
  docx: `This Word document unpacks to more than the limit (${mb(TRANSCRIPT_LIMITS.docx.maxXmlEntryBytes)} of text and markup, ${mb(TRANSCRIPT_LIMITS.docx.maxTotalBytes)} in all) and was refused. It may be damaged or built to overload the server; save the transcript again from Word, or split it.`,
} as const;
