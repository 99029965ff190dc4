import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { criteriaRoutes } from './criteria.routes';
import { reportsRoutes } from './reports.routes';
import { scoresRoutes } from './scores.routes';

/** The assessment protocol: criteria, scores, matrices and the inventory report. */
export const assessmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(criteriaRoutes);
  await app.register(scoresRoutes);
  await app.register(reportsRoutes);
};
