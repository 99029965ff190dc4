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
}

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
