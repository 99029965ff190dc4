import type { Migration } from 'kysely';
import * as initial from './2026-11-28-01-initial';
import * as coding from './2026-11-28-02-coding';
import * as savedQueries from './2026-11-28-03-saved-queries';
import * as literatureAndPractices from './2026-11-28-04-literature-and-practices';
import * as performanceIndexes from './2026-11-28-05-performance-indexes';
import * as pseudonyms from './2026-11-28-06-pseudonyms';
import * as consent from './2026-11-28-07-consent';
import * as fewerIndexWrites from './2026-11-28-08-fewer-index-writes';

/** Every migration, in order. Add new ones at the end; never edit a landed one. */
export const migrations: Record<string, Migration> = {
  '2026-11-28-01-initial': initial,
  '2026-11-28-02-coding': coding,
  '2026-11-28-03-saved-queries': savedQueries,
  '2026-11-28-04-literature-and-practices': literatureAndPractices,
  '2026-11-28-05-performance-indexes': performanceIndexes,
  '2026-11-28-06-pseudonyms': pseudonyms,
  '2026-11-28-07-consent': consent,
  '2026-11-28-08-fewer-index-writes': fewerIndexWrites,
};
