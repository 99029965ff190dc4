import fp from 'fastify-plugin';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * After every API request that may have changed something (any write, once its response is
 * sent and so its transaction committed), announces it to the live feed: this server's
 * subscribers get the new events at once, and on PostgreSQL so do the other servers' (NOTIFY).
 */
export const liveAnnounce = fp(async (app) => {
  app.addHook('onResponse', async (request) => {
    if (WRITES.has(request.method) && request.url.startsWith('/api/')) app.live.announce();
  });
}, { name: 'live-announce' });
