/** API shapes as the client uses them (mirrors the server's TypeBox schemas). */
import type { ProjectRoleName } from '../../../server/shared/roles';

export type { ProjectRoleName };
// Shapes the server defines once; the client only imports their types (erased at build time).
import type { FileDuplicate } from '../../../server/features/documents/documents.service';
import type { SearchHit } from '../../../server/features/search/search.service';

export type { AttributeDefinition } from '../../../server/features/attributes/attributes.service';
export type { HistoryEntry } from '../../../server/features/history/history.service';
export type { FileDuplicate, SearchHit };
export type SpeakerRole = 'interviewer' | 'respondent' | 'other';
export type Language = 'nl' | 'fr' | 'en' | 'other';
export type RespondentGroup = 'international' | 'belgian';
export type AttributeType = 'text' | 'number' | 'date' | 'choice';

export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  locale: string | null;
}

export interface Session {
  user: User;
  csrfToken: string | null;
}

export interface Project {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  role: ProjectRoleName;
  documentCount?: number;
  memberCount?: number;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: ProjectRoleName;
  addedAt: string;
}

export interface Speaker {
  id: string;
  name: string;
  role: SpeakerRole;
  turnCount?: number;
}

export interface DocumentSummary {
  id: string;
  name: string;
  fileName: string;
  format: string;
  encoding: string;
  language: Language;
  respondentGroup: RespondentGroup | null;
  interviewDate: string | null;
  wordCount: number;
  turnCount: number;
  speakers: Speaker[];
  attributes: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface Turn {
  id: string;
  speakerId: string | null;
  start: number;
  end: number;
  mediaStartMs: number | null;
  mediaEndMs: number | null;
}

export interface DocumentDetail extends DocumentSummary {
  projectId: string;
  /** Whether the file as imported can still be downloaded. */
  hasOriginal: boolean;
  text: string;
  revision: { id: string; number: number; createdAt: string };
  turns: Turn[];
}

/** A file that could not be imported, with the reason in the user's language. */
export interface FileFailure {
  fileName: string;
  error: { code: string; message: string };
}

export interface ImportResult {
  documents: DocumentSummary[];
  failed: FileFailure[];
  duplicates: FileDuplicate[];
}

export interface CsvImportReport {
  updatedDocuments: number;
  createdAttributes: string[];
  rows: { line: number; key: string; documentId: string | null; errors: string[] }[];
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ProjectEvent {
  id: number;
  type: string;
  entityType: string;
  entityId: string | null;
  userId: string | null;
  userName: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
}

export interface Code {
  id: string;
  parentId: string | null;
  name: string;
  color: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  example: string;
  position: number;
  archived: boolean;
  codingCount: number;
  documentCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentCoding {
  codingId: string;
  codeId: string;
  name: string;
  color: string;
  coderId: string | null;
  createdAt: string;
}

export interface Segment {
  id: string;
  documentId: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  status: 'anchored' | 'orphaned';
  coderId: string | null;
  coderName: string | null;
  createdAt: string;
  updatedAt: string;
  codes: SegmentCoding[];
  memoCount: number;
}

/**
 * A segment as the reader shows it: the compact listing (`GET …/segments/compact`) expanded with the
 * document's text and the listed codes and coders (see `expandSegments`). A full `Segment` is one too.
 */
export interface ReaderSegment {
  id: string;
  start: number;
  end: number;
  exact: string;
  status: 'anchored' | 'orphaned';
  coderId: string | null;
  coderName: string | null;
  createdAt: string;
  codes: Pick<SegmentCoding, 'codeId' | 'name' | 'color'>[];
  memoCount: number;
}

export type { CompactSegmentList } from '../../../server/features/segments/segments.schemas';
export type { RetrievedSegment } from '../../../server/features/retrieval/retrieval.service';

export type MemoTarget = 'project' | 'document' | 'code' | 'segment';

export interface Memo {
  id: string;
  targetType: MemoTarget;
  targetId: string | null;
  title: string;
  body: string;
  authorId: string | null;
  authorName: string | null;
  codeIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface LiveEvent {
  id: number;
  type: string;
  entityType: string;
  entityId: string | null;
  userId: string | null;
  after: Record<string, unknown> | null;
  before: Record<string, unknown> | null;
  createdAt: string;
}

export interface CorrectionReport {
  document: DocumentDetail;
  revision: { id: string; number: number };
  segments: { anchored: number; byDiff: number; byExact: number; byFuzzy: number; orphaned: number };
  orphaned: { segmentId: string; quote: string; reason: string }[];
}

export interface SearchResponse {
  query: string;
  total: number;
  truncated: boolean;
  documents: number;
  hits: SearchHit[];
  notes: { kind: 'memo' | 'code'; id: string; title: string; score: number }[];
}
