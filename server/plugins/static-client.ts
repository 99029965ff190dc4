import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isApiRoute } from './access';
import { requestTranslator } from '../i18n/translator';

export const CLIENT_DIST = path.resolve(new URL('../../client/dist', import.meta.url).pathname);

/** Serves the built Lit client; unknown non-API paths get index.html (client-side routing). */
async function staticClient(app: FastifyInstance) {
  const index = path.join(CLIENT_DIST, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`The client is not built (${index} is missing): run "npm run build".`);
    app.get('/', { config: { access: 'public' } }, async (_req, reply) =>
      reply.type('text/plain').send('The SOCPREV Workbench client is not built. Run "npm run build" and restart.'));
    return;
  }
  await app.register(fastifyStatic, { root: CLIENT_DIST, wildcard: false, index: false });
  const sendIndex = (_req: unknown, reply: { type: (t: string) => { sendFile: (f: string) => unknown }; header: (k: string, v: string) => unknown }) => {
    reply.header('cache-control', 'no-cache');
    return reply.type('text/html').sendFile('index.html');
  };
  app.get('/', { config: { access: 'public' } }, sendIndex as never);
  app.get('/*', { config: { access: 'public' } }, async (request, reply) => {
    const url = request.url.split('?')[0]!;
    if (isApiRoute(url)) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: requestTranslator(request).t('errors.noRoute', { route: `${request.method} ${url}` }) } });
    }
    const file = path.join(CLIENT_DIST, path.normalize(decodeURIComponent(url)).replace(/^([/\\])+/, ''));
    if (file.startsWith(CLIENT_DIST + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      if (url.startsWith('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      return reply.sendFile(path.relative(CLIENT_DIST, file));
    }
    return sendIndex(request, reply as never);
  });
}

export default fp(staticClient, { name: 'static-client' });
