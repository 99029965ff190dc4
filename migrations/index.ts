import type { Migration } from 'kysely';
import * as initial from './2026-11-28-01-initial';
import * as coding from './2026-11-28-02-coding';
import * as savedQueries from './2026-11-28-03-saved-queries';
import * as literatureAndPractices from './2026-11-28-04-literature-and-practices';

/** Every migration, in order. Add new ones at the end; never edit a landed one. */
export const migrations: Record<string, Migration> = {
  '2026-11-28-01-initial': initial,
  '2026-11-28-02-coding': coding,
  '2026-11-28-03-saved-queries': savedQueries,
  '2026-11-28-04-literature-and-practices': literatureAndPractices,
};
