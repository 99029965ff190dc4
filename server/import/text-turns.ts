/**
 * Speaker turns in plain-text lines (used by the .txt/.md and .docx readers).
 *
 * Pass 1 classifies every line (`speaker-labels.ts`); pass 2 decides, for the whole document,
 * which candidate labels are speakers; pass 3 builds the turns. Linear in the number of lines.
 */
import type { RawTurn } from './canonical-text';
import { isAnnotation, parseLine, type LineInfo } from './speaker-labels';
import { isKnownRoleLabel, normaliseSpeakerKey } from './speaker-roles';

export interface TextTurnOptions {
  /**
   * How text without speaker splits into paragraphs: `blank-lines` (blocks separated by blank
   * lines; plain text that has blank lines) or `lines` (every line; .docx paragraphs, or plain
   * text without any blank line).
   */
  paragraphs: 'blank-lines' | 'lines';
}

/** Header keys (`Project: X`, `Date: …`) that are never speakers. */
const METADATA_KEYS = new Set([
  'project', 'projet', 'date', 'datum', 'time', 'tijd', 'heure', 'place', 'location', 'locatie',
  'plaats', 'lieu', 'venue', 'duration', 'duur', 'durée', 'length', 'lengte', 'title', 'titel',
  'titre', 'subject', 'onderwerp', 'sujet', 'topic', 'theme', 'thema', 'thème', 'language', 'taal',
  'langue', 'transcript', 'transcriptie', 'transcription', 'transcribed by', 'getranscribeerd door',
  'transcrit par', 'interview', 'interview date', 'interview number', 'interview id', 'case',
  'case id', 'id', 'code', 'file', 'bestand', 'fichier', 'audio', 'audio file', 'recording', 'opname',
  'enregistrement', 'version', 'versie', 'participants', 'attendees', 'present', 'aanwezig',
  'présents', 'start', 'end', 'start time', 'end time', 'session', 'sessie', 'wave', 'study',
  'studie', 'étude', 'source', 'bron', 'tags', 'keywords', 'link', 'url', 'email', 'e-mail',
  'tel', 'phone', 'created', 'modified', 'author', 'auteur', 'page', 'pagina',
]);

/** Short replies that look like a name alone on a line. */
const INTERJECTIONS = new Set([
  'yes', 'no', 'yeah', 'yep', 'nope', 'ok', 'okay', 'oké', 'oke', 'right', 'sure', 'thanks',
  'thank you', 'hmm', 'mhm', 'mm', 'uh', 'um', 'euh', 'ah', 'oh', 'wow', 'exactly', 'indeed',
  'well', 'so', 'good', 'great', 'fine', 'nice', 'cool', 'alright', 'true', 'ja', 'nee', 'neen',
  'precies', 'inderdaad', 'klopt', 'goed', 'oui', 'non', 'bon', 'voilà', 'merci', 'bien', 'exact',
]);

type LabelLine = Extract<LineInfo, { kind: 'label' }>;

function isMetadata(key: string): boolean {
  return METADATA_KEYS.has(key);
}

/**
 * Decide which candidate label lines are speakers.
 * @returns for each line index, the accepted speaker label, or undefined
 */
function acceptLabels(infos: readonly LineInfo[]): Array<string | undefined> {
  const accepted: Array<string | undefined> = new Array(infos.length);
  const keys: Array<string | null> = infos.map((info) =>
    info.kind === 'label' ? normaliseSpeakerKey(info.label) : null,
  );
  const count = new Map<string, number>();
  const bareCount = new Map<string, number>();
  let headerLines = 0;
  let nonBlank = 0;
  // Index of the next non-blank line after each line (one backward scan, keeps this linear).
  const nextNonBlank = new Array<number>(infos.length);
  for (let i = infos.length - 1, next = -1; i >= 0; i--) {
    nextNonBlank[i] = next;
    if (infos[i].kind !== 'blank') next = i;
  }
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    if (info.kind !== 'blank') nonBlank++;
    if (info.kind !== 'label') continue;
    const key = keys[i] as string;
    if (info.style === 'bare') {
      const next = nextNonBlank[i] >= 0 ? infos[nextNonBlank[i]] : undefined;
      const followedByText =
        next !== undefined &&
        (next.kind === 'text' || (next.kind === 'label' && next.style !== 'bare' && next.style !== 'header'));
      if (followedByText) bareCount.set(key, (bareCount.get(key) ?? 0) + 1);
      continue;
    }
    count.set(key, (count.get(key) ?? 0) + 1);
    if (info.style === 'header' || info.style === 'chat') headerLines++;
  }

  const isStrong = (info: LabelLine) =>
    info.style === 'chat' ||
    (info.style === 'header' && headerLines >= 2) ||
    ((info.style === 'colon' || info.style === 'bracket') && info.mediaMs !== null);
  const recurring = (info: LabelLine, key: string) =>
    !isMetadata(key) && (isStrong(info) || (count.get(key) ?? 0) >= 2);

  let firstRecurring = -1;
  for (let i = 0; i < infos.length && firstRecurring < 0; i++) {
    const info = infos[i];
    if (info.kind === 'label' && info.style !== 'bare' && recurring(info, keys[i] as string)) firstRecurring = i;
  }

  // Dominance: after the first recurring speaker, most lines start with a label.
  let afterLines = 0;
  let afterLabelLines = 0;
  if (firstRecurring >= 0) {
    for (let i = firstRecurring; i < infos.length; i++) {
      const info = infos[i];
      if (info.kind === 'blank') continue;
      afterLines++;
      if (info.kind === 'label' && info.style !== 'bare' && recurring(info, keys[i] as string)) afterLabelLines++;
    }
  }
  const dominant = afterLines > 0 && afterLabelLines / afterLines >= 0.4;

  // No recurring label at all: a short dialogue "Anna: …\nBob: …" still counts when label
  // lines make up most of the text.
  let fallbackAll = false;
  if (firstRecurring < 0) {
    const distinct = new Set<string>();
    let lines = 0;
    infos.forEach((info, i) => {
      const key = keys[i] as string;
      if (info.kind === 'label' && info.style === 'colon' && !info.check.weak && !isMetadata(key)) {
        distinct.add(key);
        lines++;
      }
    });
    fallbackAll = distinct.size >= 2 && lines >= 2 && lines / nonBlank >= 0.6;
  }

  // Names alone on a line: accepted when at least two names (or one role label) repeat.
  const repeatedBare = [...bareCount.entries()].filter(
    ([key, n]) => n >= 2 && !INTERJECTIONS.has(key) && !isMetadata(key),
  );
  const bareLines = repeatedBare.reduce((sum, [, n]) => sum + n, 0);
  const bareMode =
    (repeatedBare.length >= 2 || repeatedBare.some(([key]) => isKnownRoleLabel(key))) &&
    bareLines <= nonBlank * 0.55;
  const bareKeys = new Set(repeatedBare.map(([key]) => key));

  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    if (info.kind !== 'label') continue;
    const key = keys[i] as string;
    const known = isKnownRoleLabel(info.label);
    if (isMetadata(key) && !known) continue;
    if (info.style === 'bare') {
      if (bareMode && bareKeys.has(key)) accepted[i] = info.label;
      continue;
    }
    if (info.style === 'bracket' && isAnnotation(info.label)) continue;
    if (isStrong(info) || (count.get(key) ?? 0) >= 2) {
      accepted[i] = info.label;
    } else if (info.style === 'bracket') {
      if (known) accepted[i] = info.label;
    } else if (known) {
      if (firstRecurring < 0 || i > firstRecurring) accepted[i] = info.label;
    } else if (firstRecurring < 0) {
      if (fallbackAll && info.style === 'colon' && !info.check.weak) accepted[i] = info.label;
    } else if (
      i > firstRecurring &&
      dominant &&
      info.style === 'colon' &&
      !info.check.weak &&
      (info.check.words >= 2 || info.check.hasDigit)
    ) {
      accepted[i] = info.label;
    }
  }
  return accepted;
}

interface OpenTurn {
  label: string | null;
  lines: string[];
  mediaMs: number | null;
}

/**
 * Split plain-text lines into raw turns.
 *
 * Label lines start a turn; following lines belong to it until the next label. Text without a
 * speaker becomes paragraphs (see {@link TextTurnOptions}); header lines such as `Date: …`
 * before the first speaker stay paragraphs of their own. Timestamps become `mediaStartMs`.
 *
 * @example
 * detectTextTurns(['I: Hi?', 'R: Hello.', 'I: Bye?'], { paragraphs: 'lines' })
 * // [{ speakerLabel: 'I', text: 'Hi?' }, { speakerLabel: 'R', text: 'Hello.' }, …]
 */
export function detectTextTurns(lines: readonly string[], options: TextTurnOptions): RawTurn[] {
  const infos = lines.map(parseLine);
  const accepted = acceptLabels(infos);
  const turns: RawTurn[] = [];
  let open: OpenTurn | null = null;
  let pendingMs: number | null = null;

  const close = (turn: OpenTurn | null): null => {
    if (turn && (turn.lines.length > 0 || turn.label !== null)) {
      turns.push({ speakerLabel: turn.label, text: turn.lines.join('\n'), mediaStartMs: turn.mediaMs, mediaEndMs: null });
    }
    return null;
  };

  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    if (info.kind === 'blank') {
      if (open && open.label === null && options.paragraphs === 'blank-lines') open = close(open);
      continue;
    }
    const label = accepted[i];
    if (label !== undefined && info.kind === 'label') {
      close(open);
      open = { label, lines: info.text === '' ? [] : [info.text], mediaMs: info.mediaMs ?? pendingMs };
      pendingMs = null;
      continue;
    }
    const line = info.kind === 'label' ? info.fallback : info;
    if (line.text === '') {
      // A timestamp alone on a line: it dates the next turn.
      pendingMs = line.mediaMs;
      continue;
    }
    if (open && open.label !== null) {
      open.lines.push(line.text);
      continue;
    }
    // A rejected "Key: value" line opening a block (a header line) is a paragraph of its own.
    const headerLine = info.kind === 'label' && info.style !== 'bare' && open === null;
    const standalone = options.paragraphs === 'lines' || headerLine;
    if (standalone || line.bracketedTime || open === null) {
      close(open);
      open = { label: null, lines: [line.text], mediaMs: line.mediaMs ?? pendingMs };
      pendingMs = null;
      if (standalone) open = close(open);
      continue;
    }
    open.lines.push(line.text);
  }
  close(open);
  return turns;
}
