import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProjectParams } from '../projects/projects.schemas';

/**
 * `GET /api/projects/:projectId/stream`: server-sent events with every change in the project
 * (`event: change`, data = the event as JSON), so open readers and codebooks update live.
 */
export const liveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const open = new Set<() => void>();
  // End open streams before the server stops listening, or closing would wait for them forever.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get('/api/projects/:projectId/stream', {
    config: { access: { project: 'viewer' } },
    schema: { tags: ['live'], summary: 'Live changes of the project as server-sent events (text/event-stream)', params: ProjectParams },
  }, (request, reply) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    raw.write('retry: 3000\n\n');
    const unsubscribe = app.live.subscribe(request.params.projectId, (event) => {
      raw.write(`id: ${event.id}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 25_000);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
      if (!raw.writableEnded) raw.end();
    };
    open.add(end);
    request.raw.on('close', end);
  });
};
