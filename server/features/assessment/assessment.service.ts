import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Translator } from '../../i18n/translator';
import type { ReportFilter } from './assessment.repository';
import { CriteriaService } from './criteria.service';
import { buildInventory } from './inventory';
import { criteriaMatrix, themeMatrix } from './matrices';
import { ScoresService } from './scores.service';

/**
 * The assessment protocol of a project: criteria, the scores of practice records on them,
 * the practice × criterion and practice × theme matrices, and the inventory report.
 */
export class AssessmentService {
  readonly criteria: CriteriaService;
  readonly scores: ScoresService;

  constructor(private readonly db: Kysely<Database>) {
    this.criteria = new CriteriaService(db);
    this.scores = new ScoresService(db);
  }

  /** Practice × criterion for the records matching the filter. */
  async criteriaMatrix(projectId: string, filter: ReportFilter = {}) {
    return criteriaMatrix(this.db, projectId, await this.criteria.list(projectId), filter);
  }

  /** Practice × theme for the records matching the filter. */
  themeMatrix(projectId: string, filter: ReportFilter = {}) {
    return themeMatrix(this.db, projectId, filter);
  }

  /** Everything the inventory report shows for the records matching the filter. */
  inventory(projectId: string, filter: ReportFilter = {}, tr?: Translator) {
    return buildInventory(this.db, projectId, filter, new Date(), tr);
  }

  /** What the inventory will hold: per record the themes, quotes, sources and scores it brings. */
  async inventorySummary(projectId: string, filter: ReportFilter = {}) {
    const inventory = await this.inventory(projectId, filter);
    const practices = inventory.practices.map((p) => ({
      id: p.record.id, name: p.record.name, evidenceRating: p.record.evidence_rating, themes: p.themes.length,
      quotes: p.themes.reduce((n, t) => n + t.quotes.length, 0), sources: p.literature.length, scores: p.scores.length,
    }));
    const sum = (key: 'themes' | 'quotes' | 'sources' | 'scores') => practices.reduce((n, p) => n + p[key], 0);
    return { practices, totals: { practices: practices.length, themes: sum('themes'), quotes: sum('quotes'), sources: sum('sources'), scores: sum('scores') } };
  }
}
