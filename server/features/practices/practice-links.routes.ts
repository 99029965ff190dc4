import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/access';
import { errorResponses } from '../../shared/schema-helpers';
import { formatCitation } from '../literature/citations';
import { ProjectParams } from '../projects/projects.schemas';
import { practicePage } from './practice-page';
import { practicesRepository } from './practices.repository';
import { EvidenceParams, LinkedSourceSchema, PracticePageSchema, PracticeParams, SourceParams, ThemeParams } from './practices.schemas';

const tags = ['practices'];
const Note = Type.String({ maxLength: 5000 });
const PageReply = { 200: PracticePageSchema, ...errorResponses, 409: Type.Ref('Error') };
const SourceChoice = Type.Omit(LinkedSourceSchema, ['linkId']);
const CreatedPageReply = { 201: PracticePageSchema, ...errorResponses, 409: Type.Ref('Error') };

/**
 * A practice record's page and its links: themes (codes) with notes and evidence passages, and
 * literature sources. Every change answers with the whole page, as the client shows it.
 */
export const practiceLinksRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.practices;
  const links = service.links;
  const page = (projectId: string, practiceId: string) => practicePage(app.db, service, projectId, practiceId);

  app.get('/api/projects/:projectId/practices/source-choices', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, summary: "The project's literature sources to link, as formatted citations (the literature feature owns them)",
      response: { 200: Type.Object({ sources: Type.Array(SourceChoice) }), ...errorResponses },
    },
  }, async (request) => ({
    sources: (await practicesRepository.sources(app.db, request.params.projectId))
      .map((s) => ({ sourceId: s.id, citationKey: s.citation_key, title: s.title, year: s.year === null ? null : Number(s.year), citation: formatCitation(s) }))
      .sort((a, b) => a.citation.localeCompare(b.citation)),
  }));

  app.get('/api/projects/:projectId/practices/:practiceId/page', {
    config: { access: { project: 'viewer' } },
    schema: { tags, params: PracticeParams, summary: "A record's page: the record, its themes with their evidence quotes, its literature sources", response: { 200: PracticePageSchema, ...errorResponses } },
  }, async (request) => page(request.params.projectId, request.params.practiceId));

  app.post('/api/projects/:projectId/practices/:practiceId/themes', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: PracticeParams, body: Type.Object({ codeId: Type.String({ minLength: 1 }), note: Type.Optional(Note) }),
      summary: 'Link a code as a theme of the record (409 THEME_EXISTS)', response: CreatedPageReply,
    },
  }, async (request, reply) => {
    const { projectId, practiceId } = request.params;
    await links.addTheme(projectId, practiceId, actorOf(request), request.body);
    return reply.status(201).send(await page(projectId, practiceId));
  });

  app.patch('/api/projects/:projectId/practices/:practiceId/themes/:linkId', {
    config: { access: { project: 'coder' } },
    schema: { tags, params: ThemeParams, body: Type.Object({ note: Note }), summary: "Change a theme's note", response: PageReply },
  }, async (request) => {
    const { projectId, practiceId, linkId } = request.params;
    await links.updateTheme(projectId, practiceId, linkId, actorOf(request), request.body.note);
    return page(projectId, practiceId);
  });

  app.delete('/api/projects/:projectId/practices/:practiceId/themes/:linkId', {
    config: { access: { project: 'coder' } },
    schema: { tags, params: ThemeParams, summary: 'Remove a theme and its evidence links (the passages stay coded)', response: PageReply },
  }, async (request) => {
    const { projectId, practiceId, linkId } = request.params;
    await links.removeTheme(projectId, practiceId, linkId, actorOf(request));
    return page(projectId, practiceId);
  });

  app.post('/api/projects/:projectId/practices/:practiceId/themes/:linkId/evidence', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: ThemeParams, body: Type.Object({ segmentId: Type.String({ minLength: 1 }), note: Type.Optional(Note) }),
      summary: 'Add a passage (segment of this project) as evidence of a theme (400 UNKNOWN_SEGMENT, 409 EVIDENCE_EXISTS)', response: CreatedPageReply,
    },
  }, async (request, reply) => {
    const { projectId, practiceId, linkId } = request.params;
    await links.addEvidence(projectId, practiceId, linkId, actorOf(request), request.body);
    return reply.status(201).send(await page(projectId, practiceId));
  });

  app.patch('/api/projects/:projectId/practices/:practiceId/themes/:linkId/evidence/:evidenceId', {
    config: { access: { project: 'coder' } },
    schema: { tags, params: EvidenceParams, body: Type.Object({ note: Note }), summary: "Change an evidence passage's note", response: PageReply },
  }, async (request) => {
    const { projectId, practiceId, linkId, evidenceId } = request.params;
    await links.updateEvidence(projectId, practiceId, linkId, evidenceId, actorOf(request), request.body.note);
    return page(projectId, practiceId);
  });

  app.delete('/api/projects/:projectId/practices/:practiceId/themes/:linkId/evidence/:evidenceId', {
    config: { access: { project: 'coder' } },
    schema: { tags, params: EvidenceParams, summary: 'Remove an evidence passage from a theme', response: PageReply },
  }, async (request) => {
    const { projectId, practiceId, linkId, evidenceId } = request.params;
    await links.removeEvidence(projectId, practiceId, linkId, evidenceId, actorOf(request));
    return page(projectId, practiceId);
  });

  app.post('/api/projects/:projectId/practices/:practiceId/sources', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: PracticeParams, body: Type.Object({ sourceId: Type.String({ minLength: 1 }) }),
      summary: 'Link a literature source of the project (400 UNKNOWN_SOURCE, 409 SOURCE_LINKED)', response: CreatedPageReply,
    },
  }, async (request, reply) => {
    const { projectId, practiceId } = request.params;
    await links.linkSource(projectId, practiceId, actorOf(request), request.body.sourceId);
    return reply.status(201).send(await page(projectId, practiceId));
  });

  app.delete('/api/projects/:projectId/practices/:practiceId/sources/:sourceId', {
    config: { access: { project: 'coder' } },
    schema: { tags, params: SourceParams, summary: 'Unlink a literature source', response: PageReply },
  }, async (request) => {
    const { projectId, practiceId, sourceId } = request.params;
    await links.unlinkSource(projectId, practiceId, actorOf(request), sourceId);
    return page(projectId, practiceId);
  });
};
