/**
 * The API-overhead baseline of `npm run bench`: a bare Fastify server (no plugins, no database)
 * with one POST route that parses the same JSON body as `POST /api/documents/:id/segments` and
 * answers 201 with a small JSON object. Run as its own process, like the workbench server:
 * `tsx scripts/bench/bare-server.ts <port>`; prints "ready" when listening.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post<{ Params: { id: string }; Body: { start: number; end: number; exact: string; codeIds: string[] } }>('/bare/documents/:id/segments', async (request, reply) => {
  const { start, end, codeIds } = request.body;
  return reply.status(201).send({ id: request.params.id, start, end, codeIds });
});
app.get('/bare/health', async () => ({ ok: true }));
await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
