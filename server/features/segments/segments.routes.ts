import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../../errors';
import { actorOf } from '../../plugins/access';
import { errorResponses } from '../../shared/schema-helpers';
import { DocumentParams } from '../documents/documents.schemas';
import { documentCompactSegments, documentSegmentViews, segmentView, segmentViews } from './segment-views';
import { segmentsRepository } from './segments.repository';
import { CompactSegmentListSchema, CreateSegmentBody, PlaceSegmentBody, SegmentParams, SegmentSchema } from './segments.schemas';

const tags = ['coding'];

/** Coding passages: `/api/documents/:documentId/segments` (and `/compact`), `/api/segments/:segmentId`. */
export const segmentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.segments;
  const one = async (id: string) => {
    const row = await segmentsRepository.find(app.db, id);
    if (!row) throw notFound('segment');
    return (await segmentViews(app.db, [row]))[0]!;
  };

  app.get('/api/documents/:documentId/segments', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, summary: "A document's coded segments: offsets, quote, codes, coder and anchoring status", params: DocumentParams,
      response: { 200: Type.Object({ segments: Type.Array(SegmentSchema) }), ...errorResponses },
    },
  }, async (request) => ({ segments: await documentSegmentViews(app.db, request.params.documentId) }));

  app.get('/api/documents/:documentId/segments/compact', {
    config: { access: { project: 'viewer' } },
    schema: {
      tags, params: DocumentParams, response: { 200: CompactSegmentListSchema, ...errorResponses },
      summary: "A document's coded segments in compact form, for showing them over its text (the reader)",
      description: 'Offsets, status, coder, date, memo count and code ids per segment; the codes (name, colour) and coders (name) once. '
        + "An anchored segment's quote is `text.slice(start, end)` of revision `revisionId` (the document's current one), so only orphaned "
        + 'segments carry `exact`. The full form, with quote and context, is `GET /api/documents/:documentId/segments`.',
    },
  }, async (request, reply) =>
    // Plain JSON.stringify: for a thousand small records it is faster than the schema serializer
    // (whose per-character escaping loop runs over every id); the list is built to the schema.
    reply.type('application/json; charset=utf-8').send(JSON.stringify(await documentCompactSegments(app.db, request.params.documentId))));

  app.post('/api/documents/:documentId/segments', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, params: DocumentParams, body: CreateSegmentBody,
      summary: 'Code a passage of the current text with one or more codes',
      description: 'Offsets are UTF-16 code units of the current text. 409 QUOTE_MISMATCH when `exact` is not the text at that range (the transcript changed); 400 when the range falls outside the text or splits a surrogate pair.',
      response: { 201: SegmentSchema, ...errorResponses, 409: Type.Ref('Error') },
    },
  }, async (request, reply) => {
    const { segment, codings, memoCount } = await service.code(request.member!.projectId, request.params.documentId, actorOf(request), request.body);
    // The passage is always the caller's own (a second coding of the same range by them extends it).
    return reply.status(201).send(segmentView(segment, codings, memoCount, request.auth!.user.name));
  });

  app.put('/api/segments/:segmentId/codes', {
    config: { access: { project: 'coder' } },
    schema: {
      tags, summary: "Set a segment's codes (an empty list removes the segment)", params: SegmentParams,
      body: Type.Object({ codeIds: Type.Array(Type.String(), { maxItems: 100 }) }),
      response: { 200: Type.Object({ segment: Type.Union([SegmentSchema, Type.Null()]) }), ...errorResponses },
    },
  }, async (request) => {
    const { deleted } = await service.setCodes(request.member!.projectId, request.params.segmentId, actorOf(request), request.body.codeIds);
    return { segment: deleted ? null : await one(request.params.segmentId) };
  });

  app.patch('/api/segments/:segmentId', {
    config: { access: { project: 'coder' } },
    schema: { tags, summary: 'Place a segment on a new range (an orphaned segment after a correction, or a resize)', params: SegmentParams, body: PlaceSegmentBody, response: { 200: SegmentSchema, ...errorResponses, 409: Type.Ref('Error') } },
  }, async (request) => {
    await service.place(request.member!.projectId, request.params.segmentId, actorOf(request), request.body);
    return one(request.params.segmentId);
  });

  app.delete('/api/segments/:segmentId', {
    config: { access: { project: 'coder' } },
    schema: { tags, summary: 'Remove a segment with all its codings', params: SegmentParams, response: { 204: Type.Null(), ...errorResponses } },
  }, async (request, reply) => {
    await service.remove(request.member!.projectId, request.params.segmentId, actorOf(request));
    return reply.status(204).send(null);
  });
};
