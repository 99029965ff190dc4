import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from './config';
import type { Database } from './db/schema';
import { AuthService } from './features/auth/auth.service';
import { DocumentJson } from './features/documents/document-json';
import { DocumentsService } from './features/documents/documents.service';
import { RevisionsService } from './features/documents/revisions.service';
import { AssessmentService } from './features/assessment/assessment.service';
import { AttributesService } from './features/attributes/attributes.service';
import { CodesService } from './features/codes/codes.service';
import { ConsentService } from './features/consent/consent.service';
import { HistoryService } from './features/history/history.service';
import { LiteratureService } from './features/literature/literature.service';
import { MemosService } from './features/memos/memos.service';
import { PracticesService } from './features/practices/practices.service';
import { PseudonymsService } from './features/pseudonyms/pseudonyms.service';
import { QueriesService } from './features/queries/queries.service';
import { SearchIndexes } from './features/search/search-indexes';
import { SearchService } from './features/search/search.service';
import { SegmentsService } from './features/segments/segments.service';
import { SuggestionsService } from './features/suggest/suggestions.service';
import { ProjectsService } from './features/projects/projects.service';
import { UsersService } from './features/users/users.service';

/** Every service, built once per app from the database and configuration. */
export function createServices(db: Kysely<Database>, config: Config) {
  const documents = new DocumentsService(db);
  const searchIndexes = new SearchIndexes(db, { snapshotDir: config.searchSnapshots ? path.join(config.dataDir, 'search-index') : undefined });
  return {
    auth: new AuthService(db, config.sessionTtlHours),
    users: new UsersService(db),
    projects: new ProjectsService(db),
    documents,
    documentJson: new DocumentJson(documents),
    revisions: new RevisionsService(db),
    attributes: new AttributesService(db),
    codes: new CodesService(db),
    segments: new SegmentsService(db),
    memos: new MemosService(db),
    history: new HistoryService(db),
    searchIndexes,
    search: new SearchService(db, searchIndexes),
    suggestions: new SuggestionsService(db),
    queries: new QueriesService(db),
    literature: new LiteratureService(db),
    practices: new PracticesService(db),
    assessment: new AssessmentService(db),
    pseudonyms: new PseudonymsService(db),
    consent: new ConsentService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
