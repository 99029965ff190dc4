/**
 * Language of a transcript: Dutch, French, English or something else.
 */
import { francAll } from 'franc-min';

/** Languages the workbench has a user interface and analysis defaults for. */
export type TranscriptLanguage = 'nl' | 'fr' | 'en' | 'other';

const MAPPED: Record<string, TranscriptLanguage> = { nld: 'nl', fra: 'fr', eng: 'en' };

/**
 * Candidate languages: the three we map plus the languages most often confused with them or
 * likely in Belgian/Dutch/French interview studies, so a German or Spanish text is not forced
 * into Dutch or French. Languages far outside the set (e.g. Indonesian, Tagalog) are left out on
 * purpose: their trigram profiles match short Dutch/English snippets too often.
 */
const CANDIDATES = [
  'nld', 'fra', 'eng', 'deu', 'spa', 'ita', 'por', 'pol', 'tur', 'ron', 'swe', 'hun', 'ces',
  'rus', 'ukr', 'bul', 'arb', 'pes', 'urd', 'hin', 'vie',
];

/** Fewer letters than this → 'other' (too short to tell). */
const MIN_LETTERS = 20;
/** Only this much text is analysed (start of the transcript). */
const MAX_CHARS = 20_000;
/** Prefer nl/fr/en when it scores within this fraction of a different best language. */
const PREFERENCE_MARGIN = 0.02;

/** True when `text` holds at least `min` letters (stops counting there). */
function hasLetters(text: string, min: number): boolean {
  const letter = /\p{L}/gu;
  let n = 0;
  while (n < min && letter.exec(text) !== null) n++;
  return n >= min;
}

/**
 * Detect the main language of a transcript's text.
 * @example
 * detectLanguage('Ik heb het gevoel dat de buurt de laatste jaren veel veranderd is.') // 'nl'
 * detectLanguage('Ok.') // 'other'
 */
export function detectLanguage(text: string): TranscriptLanguage {
  const sample = text.slice(0, MAX_CHARS);
  if (!hasLetters(sample, MIN_LETTERS)) return 'other';
  const ranked = francAll(sample, { only: CANDIDATES, minLength: MIN_LETTERS });
  const [best] = ranked;
  if (!best || best[0] === 'und') return 'other';
  const mapped = MAPPED[best[0]];
  if (mapped) return mapped;
  const close = ranked.find(([code, score]) => MAPPED[code] !== undefined && score >= best[1] - PREFERENCE_MARGIN);
  return close ? MAPPED[close[0]] : 'other';
}
