import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../plugins/access';
import { errorResponses, Nullable } from '../../shared/schema-helpers';
import { ProjectParams } from '../projects/projects.schemas';
import { proposePassages } from './autocode';

const tags = ['search'];

const FilterFields = {
  respondentGroup: Type.Optional(Type.Union([Type.Literal('international'), Type.Literal('belgian')])),
  language: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('fr'), Type.Literal('en'), Type.Literal('other')])),
  role: Type.Optional(Type.Union([Type.Literal('respondent'), Type.Literal('interviewer'), Type.Literal('other')], { description: 'Only turns of speakers with this role' })),
  attributeId: Type.Optional(Type.String()),
  attributeValue: Type.Optional(Type.String()),
  codeId: Type.Optional(Type.String({ description: 'Only documents with (codeMode=with) or without a coding with this code' })),
  codeMode: Type.Optional(Type.Union([Type.Literal('with'), Type.Literal('without')])),
  coderId: Type.Optional(Type.String({ description: 'Only documents coded by this coder' })),
};

const HitSchema = Type.Object({
  documentId: Type.String(), documentName: Type.String(),
  start: Type.Integer({ description: 'UTF-16 offset of the match in the document text' }), end: Type.Integer(),
  match: Type.String(), before: Type.String(), after: Type.String(), turnIndex: Type.Integer(),
  speaker: Nullable(Type.String()), speakerRole: Nullable(Type.String()), mediaStartMs: Nullable(Type.Integer()), score: Type.Number(),
});

const AutocodeBody = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 500 }),
  unit: Type.Union([Type.Literal('match'), Type.Literal('sentence'), Type.Literal('turn')]),
  codeId: Type.Optional(Type.String()),
  filters: Type.Optional(Type.Object(FilterFields)),
});

/** Full-text search, auto-coding from a search, and code suggestions. */
export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { search, segments, suggestions } = app.services;

  app.get('/api/projects/:projectId/search', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams,
      summary: 'Search the transcripts: words, prefixes, typos, "exact phrases"; case and accents do not matter',
      querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 500 }), ...FilterFields }),
      response: {
        200: Type.Object({
          query: Type.String(), total: Type.Integer(), truncated: Type.Boolean(), documents: Type.Integer(), hits: Type.Array(HitSchema),
          notes: Type.Array(Type.Object({ kind: Type.Union([Type.Literal('memo'), Type.Literal('code')]), id: Type.String(), title: Type.String(), score: Type.Number() })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { q, ...filter } = request.query;
    return search.search(request.params.projectId, q, filter);
  });

  app.post('/api/projects/:projectId/search/autocode/preview', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: ProjectParams, body: AutocodeBody, summary: 'What auto-coding this search would code (the match, its sentence or its turn)',
      response: { 200: Type.Object({ passages: Type.Array(Type.Object({ documentId: Type.String(), documentName: Type.String(), start: Type.Integer(), end: Type.Integer(), text: Type.String() })) }), ...errorResponses },
    },
  }, async (request) => ({ passages: await proposePassages(search, request.params.projectId, request.body.q, request.body.filters ?? {}, request.body.unit) }));

  app.post('/api/projects/:projectId/search/autocode', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: ProjectParams, body: Type.Intersect([AutocodeBody, Type.Object({ codeId: Type.String() })]),
      summary: 'Apply a code to every hit of a search, as one action (one undo removes it all)',
      response: { 200: Type.Object({ coded: Type.Integer(), skipped: Type.Integer() }), ...errorResponses },
    },
  }, async (request) => {
    const { q, unit, codeId, filters } = request.body;
    const passages = await proposePassages(search, request.params.projectId, q, filters ?? {}, unit);
    return segments.codeMany(request.params.projectId, actorOf(request), codeId, passages, { query: q, unit });
  });

  app.post('/api/projects/:projectId/suggestions', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: ProjectParams, summary: "Codes suggested for a passage, learned from this project's own codings",
      body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 50_000 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })) }),
      response: { 200: Type.Object({ suggestions: Type.Array(Type.Object({ codeId: Type.String(), score: Type.Number() })) }), ...errorResponses },
    },
  }, async (request) => ({ suggestions: await suggestions.suggest(request.params.projectId, request.body.text, request.body.limit ?? 5) }));
};
