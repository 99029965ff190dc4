/** The attributes every document has, besides a project's own (isomorphic). */
export const RESPONDENT_GROUPS = ['international', 'belgian'] as const;
export const LANGUAGES = ['nl', 'fr', 'en', 'other'] as const;
export type RespondentGroupName = (typeof RESPONDENT_GROUPS)[number];
export type LanguageName = (typeof LANGUAGES)[number];

const GROUP_WORDS: Record<string, RespondentGroupName> = {
  international: 'international', internationaal: 'international', int: 'international', intl: 'international',
  belgian: 'belgian', belgisch: 'belgian', belge: 'belgian', belgium: 'belgian', belgië: 'belgian', belgique: 'belgian', be: 'belgian',
};
const LANGUAGE_WORDS: Record<string, LanguageName> = {
  nl: 'nl', dutch: 'nl', nederlands: 'nl', néerlandais: 'nl', neerlandais: 'nl', vlaams: 'nl', flemish: 'nl',
  fr: 'fr', french: 'fr', frans: 'fr', français: 'fr', francais: 'fr',
  en: 'en', english: 'en', engels: 'en', anglais: 'en',
  other: 'other', andere: 'other', autre: 'other',
};

/** Reads a respondent group as written in any of the three languages, or null. */
export const parseRespondentGroup = (raw: string): RespondentGroupName | null => GROUP_WORDS[raw.trim().toLowerCase()] ?? null;

/** Reads a language code or name in any of the three languages, or null. */
export const parseLanguage = (raw: string): LanguageName | null => LANGUAGE_WORDS[raw.trim().toLowerCase()] ?? null;

/** Column headers (lower-case) that name a built-in attribute in a CSV. */
export const BUILTIN_HEADERS: Record<string, 'respondentGroup' | 'language' | 'interviewDate'> = {
  'respondent group': 'respondentGroup', respondentgroup: 'respondentGroup', group: 'respondentGroup', respondentengroep: 'respondentGroup', 'groupe de répondants': 'respondentGroup',
  language: 'language', taal: 'language', langue: 'language',
  'interview date': 'interviewDate', interviewdate: 'interviewDate', date: 'interviewDate', datum: 'interviewDate', interviewdatum: 'interviewDate', "date de l'entretien": 'interviewDate',
};

/** Names a project attribute may not take, since the built-ins already use them. */
export const RESERVED_ATTRIBUTE_NAMES = new Set(Object.keys(BUILTIN_HEADERS));
