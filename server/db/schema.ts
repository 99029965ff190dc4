import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it. Portable SQL only: text UUID ids, ISO-8601 text timestamps,
 * JSON as text, integers (0/1) instead of booleans. Migrations in `migrations/` create it.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  documents: DocumentsTable;
  document_originals: DocumentOriginalsTable;
  document_revisions: DocumentRevisionsTable;
  speakers: SpeakersTable;
  turns: TurnsTable;
  attribute_definitions: AttributeDefinitionsTable;
  document_attributes: DocumentAttributesTable;
  project_events: ProjectEventsTable;
  codes: CodesTable;
  segments: SegmentsTable;
  codings: CodingsTable;
  memos: MemosTable;
  memo_codes: MemoCodesTable;
  event_changes: EventChangesTable;
  saved_queries: SavedQueriesTable;
  literature_sources: LiteratureSourcesTable;
  literature_gaps: LiteratureGapsTable;
  gap_sources: GapSourcesTable;
  gap_codes: GapCodesTable;
  gap_code_evidence: EvidenceTable & { gap_code_id: string };
  practice_records: PracticeRecordsTable;
  practice_codes: PracticeCodesTable;
  practice_code_evidence: EvidenceTable & { practice_code_id: string };
  practice_sources: PracticeSourcesTable;
  assessment_criteria: AssessmentCriteriaTable;
  assessments: AssessmentsTable;
  assessment_evidence: EvidenceTable & { assessment_id: string };
  pseudonym_entries: PseudonymEntriesTable;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: number;
  locale: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a stolen database does not give live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type ProjectRole = 'owner' | 'lead' | 'coder' | 'viewer';

export interface ProjectsTable {
  id: string;
  name: string;
  description: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: ProjectRole;
  created_at: string;
}

export type RespondentGroup = 'international' | 'belgian';
export type DocumentLanguage = 'nl' | 'fr' | 'en' | 'other';

export interface DocumentsTable {
  id: string;
  project_id: string;
  name: string;
  file_name: string;
  format: string;
  encoding: string;
  /** sha256 of the uploaded bytes, to flag the same file imported twice. */
  content_hash: string;
  current_revision_id: string | null;
  language: DocumentLanguage;
  respondent_group: RespondentGroup | null;
  interview_date: string | null;
  word_count: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** The participant's consent (migration 07): given | restricted | withdrawn | unknown. */
  consent_status: Generated<ConsentStatus>;
  consent_date: Generated<string | null>;
  /** 1: the participant's words may be counted but never quoted in exports and reports. */
  consent_no_quotes: Generated<number>;
  /** 1: the document is left out of every export and report. */
  consent_no_export: Generated<number>;
}

export type ConsentStatus = 'given' | 'restricted' | 'withdrawn' | 'unknown';

export interface DocumentOriginalsTable {
  document_id: string;
  media_type: string;
  bytes: Buffer;
}

export interface DocumentRevisionsTable {
  id: string;
  document_id: string;
  number: number;
  text: string;
  sha256: string;
  created_by: string | null;
  created_at: string;
}

export type SpeakerRole = 'interviewer' | 'respondent' | 'other';

export interface SpeakersTable {
  id: string;
  document_id: string;
  key: string;
  name: string;
  role: SpeakerRole;
  position: number;
}

export interface TurnsTable {
  id: string;
  revision_id: string;
  position: number;
  speaker_id: string | null;
  start_offset: number;
  end_offset: number;
  media_start_ms: number | null;
  media_end_ms: number | null;
}

export type AttributeType = 'text' | 'number' | 'date' | 'choice';

export interface AttributeDefinitionsTable {
  id: string;
  project_id: string;
  name: string;
  type: AttributeType;
  /** JSON array of strings, for `choice`. */
  choices: string;
  position: number;
  created_at: string;
}

export interface DocumentAttributesTable {
  document_id: string;
  attribute_id: string;
  value: string;
}

export interface ProjectEventsTable {
  id: Generated<number>;
  project_id: string;
  user_id: string | null;
  type: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  created_at: string;
  /** 1 when the event's row changes (event_changes) can be undone by its author. */
  undoable: Generated<number>;
  /** The `action.undone` event that undid this one, while it stays undone. */
  undone_by_event_id: number | null;
}

export interface CodesTable {
  id: string;
  project_id: string;
  parent_id: string | null;
  name: string;
  color: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  example: string;
  /** Order among siblings. */
  position: number;
  archived: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type SegmentStatus = 'anchored' | 'orphaned';

export interface SegmentsTable {
  id: string;
  document_id: string;
  /** The revision `start_offset`/`end_offset` refer to (the current one unless orphaned). */
  revision_id: string;
  start_offset: number;
  end_offset: number;
  exact: string;
  prefix: string;
  suffix: string;
  status: SegmentStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CodingsTable {
  id: string;
  segment_id: string;
  code_id: string;
  coder_id: string | null;
  created_at: string;
}

export type MemoTarget = 'project' | 'document' | 'code' | 'segment';

export interface MemosTable {
  id: string;
  project_id: string;
  author_id: string | null;
  target_type: MemoTarget;
  target_id: string | null;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface MemoCodesTable {
  id: string;
  memo_id: string;
  code_id: string;
}

export interface EventChangesTable {
  event_id: number;
  seq: number;
  table_name: string;
  row_id: string;
  before_json: string | null;
  after_json: string | null;
}

export type UserRow = Selectable<UsersTable>;
export type CodeRow = Selectable<CodesTable>;
export type SegmentRow = Selectable<SegmentsTable>;
export type CodingRow = Selectable<CodingsTable>;
export type MemoRow = Selectable<MemosTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type DocumentUpdate = Updateable<DocumentsTable>;

export interface SavedQueriesTable {
  id: string;
  project_id: string;
  name: string;
  /** The query in the code-query language, e.g. `[Relapse] AND [Housing]`. */
  expression: string;
  /** JSON: attribute restrictions ({ respondentGroup?, language?, attributeId?, attributeValue? }). */
  filters: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

interface Stamped {
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The literature review's three foci, and anything else. */
export type LiteratureFocus = 'offenders' | 'cost_effectiveness' | 'evaluation' | 'other';

export interface LiteratureSourcesTable extends Stamped {
  id: string;
  project_id: string;
  /** BibTeX key or RIS id when imported ('' when typed by hand). */
  citation_key: string;
  /** CSL item type: article-journal, book, chapter, report, webpage, … */
  kind: string;
  /** JSON: CSL names, `[{ "family": "Van Dijk", "given": "Anna" }]` or `[{ "literal": "EMCDDA" }]`. */
  authors: string;
  year: number | null;
  title: string;
  /** Journal, book, publisher or website. */
  venue: string;
  doi: string;
  url: string;
  focus: LiteratureFocus;
  notes: string;
  /** JSON: the whole CSL-JSON item, formatted into citations by citation-js. */
  csl: string;
}

export type GapScope = 'international' | 'belgium';
export type GapStatus = 'open' | 'partly_filled' | 'filled';
export type GapRelation = 'fills' | 'extends' | 'contradicts' | 'illustrates';

export interface LiteratureGapsTable extends Stamped {
  id: string;
  project_id: string;
  statement: string;
  focus: LiteratureFocus;
  scope: GapScope;
  status: GapStatus;
  notes: string;
  position: number;
}

export interface GapSourcesTable {
  id: string;
  gap_id: string;
  source_id: string;
}

/** A code mapped to a gap: its passages are the interviews' evidence on the gap. */
export interface GapCodesTable extends Stamped {
  id: string;
  gap_id: string;
  code_id: string;
  relation: GapRelation;
  note: string;
}

/** A passage (segment) chosen as evidence for a link (gap↔code, practice↔code, assessment). */
export interface EvidenceTable {
  id: string;
  segment_id: string;
  note: string;
  created_by: string | null;
  created_at: string;
}

export type PracticeRegion = 'flanders' | 'wallonia' | 'brussels' | 'abroad';
export type CrimeType = 'economic_compulsive' | 'systemic' | 'psychopharmacological';
export type EvaluationStatus = 'none' | 'monitoring' | 'process' | 'outcome' | 'impact';
export type EvidenceRating = 'best_practice' | 'promising' | 'insufficient' | 'not_effective';

/** A prevention project, Belgian or abroad. */
export interface PracticeRecordsTable extends Stamped {
  id: string;
  project_id: string;
  name: string;
  description: string;
  municipality: string;
  region: PracticeRegion;
  /** The country when the region is `abroad` ('' in Belgium). */
  country: string;
  /** Working language(s), free text ('nl', 'fr', 'nl, fr', 'en'). */
  language: string;
  organisation: string;
  target_group: string;
  /** JSON array of CrimeType. */
  crime_types: string;
  intervention_type: string;
  working_mechanisms: string;
  /** ISO date or year ('2019', '2019-09-01'). */
  period_start: string | null;
  period_end: string | null;
  budget_eur: number | null;
  cost_notes: string;
  evaluation_status: EvaluationStatus;
  /** Maryland Scientific Methods Scale, 1–5. */
  sms_level: number | null;
  evidence_rating: EvidenceRating | null;
  /** Where the record comes from (the Permanent Secretariat's list, a website, an interview). */
  record_source: string;
}

export interface PracticeCodesTable extends Stamped {
  id: string;
  practice_id: string;
  code_id: string;
  note: string;
}

export interface PracticeSourcesTable {
  id: string;
  practice_id: string;
  source_id: string;
}

export interface AssessmentCriteriaTable extends Stamped {
  id: string;
  project_id: string;
  name: string;
  description: string;
  /** The best-practice code the criterion derives from, if any. */
  code_id: string | null;
  position: number;
}

export type AssessmentScore = 'met' | 'partly' | 'not_met' | 'unknown';

export interface AssessmentsTable extends Stamped {
  id: string;
  practice_id: string;
  criterion_id: string;
  score: AssessmentScore;
  note: string;
}

export type PseudonymKind = 'person' | 'place' | 'organisation' | 'other';

/** The pseudonymisation key list (migration 06): a name as it appears in transcripts and what replaces it. Owners only. */
export interface PseudonymEntriesTable {
  id: string;
  project_id: string;
  original: string;
  pseudonym: string;
  kind: PseudonymKind;
  notes: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
