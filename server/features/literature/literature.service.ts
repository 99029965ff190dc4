import type { Kysely } from 'kysely';
import type { Database, GapScope, GapStatus, LiteratureFocus } from '../../db/schema';
import type { Translator } from '../../i18n/translator';
import { coverageOf, loadSupport } from './coverage.service';
import { GapsService, gapView } from './gaps.service';
import { exportPolicy } from '../consent/export-policy';
import { describePassages, type PassageInfo } from './passages';
import { sourceView, SourcesService } from './sources.service';

type Db = Kysely<Database>;
export interface GapFilter { focus?: LiteratureFocus; scope?: GapScope; status?: GapStatus }

/** The literature area: sources, gaps (with code links and evidence), coverage and the gap report. */
export class LiteratureService {
  readonly sources: SourcesService;
  readonly gaps: GapsService;

  constructor(private readonly db: Db) {
    this.sources = new SourcesService(db);
    this.gaps = new GapsService(db);
  }

  private gapRows(projectId: string, filter: GapFilter = {}) {
    let query = this.db.selectFrom('literature_gaps').selectAll().where('project_id', '=', projectId);
    if (filter.focus) query = query.where('focus', '=', filter.focus);
    if (filter.scope) query = query.where('scope', '=', filter.scope);
    if (filter.status) query = query.where('status', '=', filter.status);
    return query.orderBy('position').orderBy('created_at').execute();
  }

  /** Gaps × mapped codes and gaps × respondent groups, with per-gap totals and `noEvidence` flags. */
  async coverage(projectId: string, filter: GapFilter = {}) {
    return { gaps: await coverageOf(this.db, projectId, await this.gapRows(projectId, filter)) };
  }

  /**
   * Everything about some gaps: formatted sources, code links with counts, chosen evidence quotes with
   * their respondents, and the first `passageLimit` supporting passages of each link (with the total).
   */
  async details(projectId: string, gapIds: string[], passageLimit: number) {
    const gaps = (await this.gapRows(projectId)).filter((g) => gapIds.includes(g.id));
    const [coverage, support, sourceLinks] = await Promise.all([
      coverageOf(this.db, projectId, gaps),
      loadSupport(this.db, projectId, gaps.map((g) => g.id)),
      gaps.length === 0 ? [] : this.db.selectFrom('gap_sources').innerJoin('literature_sources', 'literature_sources.id', 'gap_sources.source_id')
        .selectAll('literature_sources').select('gap_sources.gap_id').where('gap_sources.gap_id', 'in', gaps.map((g) => g.id)).execute(),
    ]);
    const passageIds = new Set<string>(support.evidence.map((e) => e.segment_id));
    const firstOf = new Map(support.links.map((l) => {
      const all = support.supportOf(l.code_id);
      const first = all.slice(0, passageLimit).map((s) => s.segmentId);
      first.forEach((id) => passageIds.add(id));
      return [l.id, { first, total: all.length, ids: support.segmentIdsOf(l.code_id) }];
    }));
    const info = new Map((await describePassages(this.db, projectId, [...passageIds])).map((p) => [p.segmentId, p]));
    return gaps.map((gap) => {
      const cov = coverage.find((c) => c.id === gap.id)!;
      const sources = sourceLinks.filter((s) => s.gap_id === gap.id).map(({ gap_id: _g, ...row }) => sourceView(row)).sort((a, b) => a.citation.localeCompare(b.citation));
      return {
        gap: gapView(gap, sources.map((s) => s.id)), sources, groups: cov.groups, totals: cov.totals, noEvidence: cov.noEvidence,
        links: cov.codes.map((link) => {
          const passages = firstOf.get(link.linkId)!;
          return {
            ...link,
            quotes: support.evidence.filter((e) => e.gap_code_id === link.linkId).flatMap((e) => {
              const p = info.get(e.segment_id);
              return p ? [{ id: e.id, note: e.note, createdAt: e.created_at, codedWithLink: passages.ids.has(e.segment_id), ...p }] : [];
            }),
            passages: passages.first.map((id) => info.get(id)).filter((p): p is PassageInfo => Boolean(p)),
            passagesTotal: passages.total,
          };
        }),
      };
    });
  }

  /** One gap's page. */
  async gapPage(projectId: string, gapId: string, passageLimit = 10) {
    await this.gaps.find(this.db, projectId, gapId);
    return (await this.details(projectId, [gapId], passageLimit))[0]!;
  }

  /** The gaps for the policy report (filtered), with their sources, links and evidence quotes. */
  async report(projectId: string, filter: GapFilter = {}, tr?: Translator) {
    const gaps = await this.gapRows(projectId, filter);
    const project = await this.db.selectFrom('projects').select('name').where('id', '=', projectId).executeTakeFirstOrThrow();
    // Consent: "no quotes" participants' evidence is counted, its text withheld (excluded ones are gone in loadSupport).
    const policy = await exportPolicy(this.db, projectId, tr);
    const details = (await this.details(projectId, gaps.map((g) => g.id), 0)).map((d) => ({
      ...d, links: d.links.map((l) => ({ ...l, quotes: l.quotes.map((q) => ({ ...q, quote: policy.quote(q.documentId, q.quote) })) })),
    }));
    return { projectName: project.name, filter, gaps: details };
  }
}

export type GapDetails = Awaited<ReturnType<LiteratureService['details']>>[number];
export type GapReport = Awaited<ReturnType<LiteratureService['report']>>;
