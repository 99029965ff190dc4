/**
 * Speaker keys and role guessing.
 *
 * A speaker key is the normalised label: `Interviewer 1`, `Interviewer1`, `INTERVIEWER 1`
 * and `[Interviewer-1]` all become `interviewer 1`. The display name is the label as first
 * written. Roles are guessed from well-known labels in English, Dutch and French, and for
 * personal names from who asks the questions.
 */
import type { ImportedSpeaker, SpeakerRole } from './types';

const INTERVIEWER_LABELS = new Set([
  'i', 'q', 'int', 'intv', 'iv', 'interviewer', 'interviewers', 'interviewster', 'co-interviewer',
  'moderator', 'mod', 'facilitator', 'researcher', 'investigator', 'host', 'interviewer (nl)',
  'onderzoeker', 'onderzoekster', 'gespreksleider', 'gespreksleidster', 'interviewster (nl)',
  'enqueteur', 'enquetrice', 'enqueteuse', 'intervieweur', 'intervieweuse', 'chercheur',
  'chercheuse', 'animateur', 'animatrice', 'moderateur', 'moderatrice', 'facilitateur',
  'facilitatrice',
]);

const RESPONDENT_LABELS = new Set([
  'r', 'a', 'resp', 'respondent', 'respondente', 'respondents', 'participant', 'participante',
  'interviewee', 'geinterviewde', 'deelnemer', 'deelneemster', 'repondant', 'repondante',
  'interviewe', 'enquete', 'enquetee', 'ip', 'interviewpartner', 'informant', 'informante',
  'guest', 'gast', 'invite', 'invitee',
]);

const OTHER_LABELS = new Set([
  'note', 'notes', 'nb', 'transcriber', 'transcriptionist', 'transcriber note', "transcriber's note",
  "moderator's assistant", 'assistant moderator', 'assistant', 'observer', 'observateur',
  'observatrice', 'waarnemer', 'observator', 'interpreter', 'interprete', 'tolk', 'translator',
  'vertaler', 'traducteur', 'traductrice', 'notulist', 'notetaker', 'note-taker', 'note taker',
  'unknown', 'unidentified', 'onbekend', 'inconnu', 'inconnue', 'audience', 'publiek', 'public',
  'all', 'allen', 'iedereen', 'tous', 'everyone', 'several', 'both', 'crowd', 'narrator',
  'verteller', 'narrateur', 'comment', 'commentaire', 'opmerking', 'remarque', 'editor',
]);

/** Labels that only count as a role when followed by a number (`P1`, `P 2`). */
const NUMBERED_RESPONDENT_LABELS = new Set(['p', 'pp', 'part', 'b']);

function stripDiacritics(value: string): string {
  return value.normalize('NFD').replace(/\p{M}+/gu, '');
}

/**
 * Labels repeat on every turn of a transcript (and the same label is looked up by several
 * passes), so the two pure per-label functions keep their answers for recently seen labels.
 */
const MEMO_LIMIT = 4096;
/** Longer strings are no labels worth keeping. */
const MEMO_MAX_CHARS = 128;
const keyCache = new Map<string, string>();
const roleCache = new Map<string, SpeakerRole | null>();

function memo<T>(cache: Map<string, T>, label: string, compute: (label: string) => T): T {
  if (label.length > MEMO_MAX_CHARS) return compute(label);
  const hit = cache.get(label);
  if (hit !== undefined || cache.has(label)) return hit as T;
  const value = compute(label);
  if (cache.size >= MEMO_LIMIT) cache.clear();
  cache.set(label, value);
  return value;
}

/**
 * Normalise a speaker label into its key.
 * @example
 * normaliseSpeakerKey('Interviewer1')   // 'interviewer 1'
 * normaliseSpeakerKey(' INTERVIEWER 1') // 'interviewer 1'
 * normaliseSpeakerKey('[Int.]')         // 'int'
 */
export function normaliseSpeakerKey(label: string): string {
  return memo(keyCache, label, computeSpeakerKey);
}

function computeSpeakerKey(label: string): string {
  let s = speakerDisplayName(label).toLowerCase();
  s = s.replace(/[.:]+$/u, '').trim();
  s = s.replace(/(\p{L})[\s_-]*(\d+)$/u, '$1 $2');
  return s;
}

/**
 * The display form of a label: NFC, trimmed, whitespace collapsed, surrounding brackets and
 * a trailing colon removed.
 * @example speakerDisplayName('[Int]') // 'Int'
 */
export function speakerDisplayName(label: string): string {
  let s = label.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (s.endsWith(':') || s.endsWith('：')) s = s.slice(0, -1).trim();
  if (s.length >= 2 && s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1).trim();
  return s;
}

interface RoleLookup {
  base: string;
  numbered: boolean;
}

function roleLookup(label: string): RoleLookup {
  let s = stripDiacritics(normaliseSpeakerKey(label)).replace(/[’‘]/gu, "'");
  // Gender suffixes like "Répondant(e)" / "Participant·e".
  s = s.replace(/\((e|es|s)\)$/u, '').replace(/[·.](e|es)$/u, '');
  // A parenthetical name or note: "Interviewer (Anna)".
  s = s.replace(/\s*\([^()]*\)$/u, '').trim();
  let numbered = false;
  // "Respondent 3", "Participant B".
  const suffix = /^(.*\S)\s(\d+|[a-z])$/u.exec(s);
  if (suffix) {
    s = suffix[1];
    numbered = true;
  }
  s = s.replace(/[.]+$/u, '').trim();
  return { base: s, numbered };
}

/**
 * The role a label implies on its own, or null when the label is a name or unknown.
 * @example
 * roleFromLabel('Interviewer 2') // 'interviewer'
 * roleFromLabel('Geïnterviewde') // 'respondent'
 * roleFromLabel('Transcriber')   // 'other'
 * roleFromLabel('Maria')         // null
 */
export function roleFromLabel(label: string): SpeakerRole | null {
  return memo(roleCache, label, computeRole);
}

function computeRole(label: string): SpeakerRole | null {
  const { base, numbered } = roleLookup(label);
  const withSuffix = stripDiacritics(normaliseSpeakerKey(label)).replace(/[’‘]/gu, "'");
  for (const candidate of [withSuffix, base]) {
    if (OTHER_LABELS.has(candidate)) return 'other';
    if (INTERVIEWER_LABELS.has(candidate)) return 'interviewer';
    if (RESPONDENT_LABELS.has(candidate)) return 'respondent';
  }
  if (numbered && NUMBERED_RESPONDENT_LABELS.has(base)) return 'respondent';
  return null;
}

/** True when the label is a well-known role label (interviewer, respondent or other). */
export function isKnownRoleLabel(label: string): boolean {
  return roleFromLabel(label) !== null;
}

function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trimEnd();
  if (trimmed.endsWith('?') || trimmed.endsWith('?)') || trimmed.endsWith('?"')) return true;
  // A short turn containing a question mark is a question too ("Why? Tell me more.").
  return trimmed.length <= 200 && trimmed.includes('?');
}

/**
 * Guess each speaker's role.
 *
 * 1. Known labels decide (`Interviewer`, `I`, `Q`, `Enquêteur` → interviewer; `R`, `A`,
 *    `Respondent`, `Deelnemer` → respondent; `Note`, `Transcriber` → other).
 * 2. When no interviewer is known, the unknown speaker whose turns are most often questions
 *    (at least 30 % of them, and clearly more often than the speaker who asks least) are
 *    interviewers — one or several; the speaker who asks least always stays a respondent.
 * 3. Every other unknown speaker — including a single named speaker — is a respondent.
 *
 * @example
 * guessRoles(
 *   [{ key: 'anna', name: 'Anna' }, { key: 'bob', name: 'Bob' }],
 *   [{ speakerKey: 'anna', text: 'How are you?' }, { speakerKey: 'bob', text: 'Fine.' }],
 * ) // Anna → interviewer, Bob → respondent
 */
export function guessRoles(
  speakers: ReadonlyArray<{ key: string; name: string }>,
  turns: ReadonlyArray<{ speakerKey: string | null; text: string }>,
): ImportedSpeaker[] {
  const roles = new Map<string, SpeakerRole | null>();
  for (const s of speakers) roles.set(s.key, roleFromLabel(s.name) ?? roleFromLabel(s.key));
  const unknown = speakers.filter((s) => roles.get(s.key) === null);
  const hasInterviewer = [...roles.values()].includes('interviewer');

  if (unknown.length > 0 && !hasInterviewer && speakers.length > 1) {
    const stats = new Map<string, { turns: number; questions: number }>();
    for (const s of speakers) stats.set(s.key, { turns: 0, questions: 0 });
    for (const t of turns) {
      const st = t.speakerKey === null ? undefined : stats.get(t.speakerKey);
      if (!st) continue;
      st.turns++;
      if (looksLikeQuestion(t.text)) st.questions++;
    }
    const ranked = [...stats.entries()]
      .filter(([, st]) => st.turns > 0)
      .map(([key, st]) => ({ key, turns: st.turns, ratio: st.questions / st.turns }));
    const lowest = Math.min(...ranked.map((r) => r.ratio));
    // Interviewers ask: every speaker whose turns are often questions, clearly more often than the
    // speaker who asks least (a second interviewer, a duo of researchers). The least asking stays respondent.
    for (const r of ranked) {
      if (roles.get(r.key) === null && r.turns >= 2 && r.ratio >= 0.3 && r.ratio - lowest >= 0.25) roles.set(r.key, 'interviewer');
    }
  }
  return speakers.map((s) => ({ key: s.key, name: s.name, role: roles.get(s.key) ?? 'respondent' }));
}
