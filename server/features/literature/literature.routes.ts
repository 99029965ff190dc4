import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { coverageRoutes } from './coverage.routes';
import { gapsRoutes } from './gaps.routes';
import { sourcesRoutes } from './sources.routes';

/** The literature area's routes: sources, gaps (links, evidence), coverage and the gap report. */
export const literatureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(sourcesRoutes);
  await app.register(gapsRoutes);
  await app.register(coverageRoutes);
};
