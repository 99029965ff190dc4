import { html, nothing } from 'lit';
import { codesApi } from '../../api/codes';
import { attributesApi, documentsApi } from '../../api/documents';
import { onProjectChange } from '../../api/live';
import { projectsApi } from '../../api/projects';
import { memosApi, segmentsApi } from '../../api/segments';
import type { AttributeDefinition, Code, CorrectionReport, DocumentDetail, LiveEvent, Memo, Project, ReaderSegment, User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatDate, formatNumber, t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import '../reader/document-codes-panel';
import type { CoderFilter } from '../reader/document-codes-panel';
import { highlightsSupported } from '../reader/highlight-controller';
import '../reader/history-controls';
import type { HistoryControls } from '../reader/history-controls';
import '../reader/orphans-panel';
import { expandSegments } from '../reader/reader-segments';
import '../memos/memo-list';
import '../reader/transcript-view';
import type { TranscriptView } from '../reader/transcript-view';
import './document-attributes-panel';
import '../consent/consent-panel';
import './speakers-panel';

const RECENT_KEY = 'socprev.recentCodes';

/**
 * The reading and coding view: a transcript by speaker turn with its codings, the codes used,
 * whose codings to show, passages needing review after a correction, speakers and attributes.
 * Changes by others arrive live; Ctrl+Z / Ctrl+Shift+Z undo and redo your own.
 */
export class ReaderPage extends LightElement {
  static override properties = {
    user: { attribute: false }, documentId: { attribute: false }, segmentId: { attribute: false }, hit: { attribute: false },
    doc: { state: true }, project: { state: true }, definitions: { state: true }, codes: { state: true },
    segments: { state: true }, memos: { state: true }, filter: { state: true }, error: { state: true }, recent: { state: true },
  };
  declare user: User;
  declare documentId: string;
  declare segmentId: string | null;
  /** A search hit to show (from the search page). */
  declare hit: { start: number; end: number } | null;
  declare doc: DocumentDetail | null;
  declare project: Project | null;
  declare definitions: AttributeDefinition[];
  declare codes: Code[];
  declare segments: ReaderSegment[];
  declare memos: Memo[];
  declare filter: CoderFilter;
  declare error: string;
  declare recent: string[];
  private stopLive?: () => void;

  constructor() {
    super();
    this.doc = null;
    this.project = null;
    this.definitions = [];
    this.codes = [];
    this.segments = [];
    this.memos = [];
    this.filter = 'all';
    this.error = '';
    this.segmentId = null;
    this.hit = null;
    this.recent = (() => {
      try {
        return JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as string[];
      } catch {
        return [];
      }
    })();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopLive?.();
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('documentId')) void this.load();
  }

  private async load() {
    this.doc = null;
    this.error = '';
    this.stopLive?.();
    try {
      // The segments are asked for at once, beside the document (both name only the document id).
      const listing = segmentsApi.compact(this.documentId);
      listing.catch(() => {}); // a failure is reported through the document's request or below
      const first = await documentsApi.get(this.documentId);
      const [project, attributes, codes, { doc, segments }] = await Promise.all([
        projectsApi.get(first.projectId), attributesApi.list(first.projectId), codesApi.list(first.projectId), this.withSegments(first, listing),
      ]);
      this.project = project;
      this.definitions = attributes.attributes;
      this.codes = codes.codes;
      this.segments = segments;
      this.doc = doc;
      this.memos = (await memosApi.list(doc.projectId, { targetType: 'document', targetId: doc.id })).memos;
      document.title = `${doc.name} — SOCPREV Workbench`;
      this.stopLive = onProjectChange(doc.projectId, (event) => void this.onLive(event));
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /**
   * The segments over `doc`'s text. A correction that lands between reading the document and its
   * segments moves their offsets into a newer text: then the document is read again as well.
   */
  private async withSegments(doc: DocumentDetail, listing = segmentsApi.compact(doc.id)): Promise<{ doc: DocumentDetail; segments: ReaderSegment[] }> {
    let list = await listing;
    for (let tries = 0; list.revisionId !== doc.revision.id && tries < 2; tries++) {
      doc = await documentsApi.get(doc.id);
      list = await segmentsApi.compact(doc.id);
    }
    return { doc, segments: expandSegments(list, doc.text) };
  }

  private async reloadCoding() {
    if (!this.doc) return;
    const [codes, { doc, segments }, memos] = await Promise.all([
      codesApi.list(this.doc.projectId), this.withSegments(this.doc), memosApi.list(this.doc.projectId, { targetType: 'document', targetId: this.doc.id }),
    ]);
    this.codes = codes.codes;
    this.doc = doc;
    this.segments = segments;
    this.memos = memos.memos;
    await this.querySelector<HistoryControls>('history-controls')?.refresh();
  }

  /** Someone (maybe in another tab or on another server) changed the project. */
  private async onLive(event: LiveEvent) {
    if (!this.doc) return;
    const documentId = event.after?.documentId ?? event.before?.documentId;
    if (event.type === 'document.corrected' && documentId === this.doc.id) {
      if (event.userId !== this.user.id) notify(t('correction.correctedBySomeone'), 'info');
      this.doc = await documentsApi.get(this.doc.id);
      await this.reloadCoding();
    } else if (event.entityType === 'code' || event.entityType === 'segment' || event.entityType === 'memo' || event.type.startsWith('action.') || event.type === 'codebook.imported') {
      if (event.entityType !== 'segment' || !documentId || documentId === this.doc.id) await this.reloadCoding();
    } else if (event.entityType === 'document' && event.entityId === this.doc.id && (event.type === 'document.deleted' || event.type === 'consent.document_deleted')) {
      this.error = t('reader.deletedMeanwhile');
    }
  }

  private rememberCodes(codeIds: string[]) {
    this.recent = [...codeIds, ...this.recent.filter((id) => !codeIds.includes(id))].slice(0, 9);
    try {
      localStorage.setItem(RECENT_KEY, JSON.stringify(this.recent));
    } catch {
      // private mode: recent codes last until reload
    }
  }

  private async corrected(report: CorrectionReport) {
    this.doc = report.document;
    const { anchored, orphaned } = report.segments;
    notify(orphaned ? t('correction.savedWithOrphans', { anchored, count: orphaned }) : t('correction.saved', { count: anchored }), orphaned ? 'info' : 'success');
    await this.reloadCoding();
  }

  private visibleSegments(): ReaderSegment[] {
    if (this.filter === 'all') return this.segments;
    const coder = this.filter === 'mine' ? this.user.id : this.filter;
    return this.segments.filter((s) => s.coderId === coder);
  }

  private coders(): Map<string, string> {
    const coders = new Map<string, string>();
    for (const s of this.segments) if (s.coderId) coders.set(s.coderId, s.coderName ?? s.coderId);
    return coders;
  }

  override render() {
    if (this.error) return html`<section class="page narrow"><h1>${t('reader.unavailable')}</h1><p class="form-error">${this.error}</p><p><a href="/">${t('shell.backToProjects')}</a></p></section>`;
    const doc = this.doc;
    const project = this.project;
    if (!doc || !project) return html`<p class="loading page" aria-busy="true">${t('common.loading')}</p>`;
    const canEdit = roleAtLeast(project.role, 'lead');
    const visible = this.visibleSegments();
    const flashSegment = this.segmentId ? this.segments.find((s) => s.id === this.segmentId && s.status === 'anchored') : undefined;
    return html`<section class="page reader-page">
      <nav class="breadcrumbs" aria-label=${t('shell.breadcrumbs')}>
        <a href="/">${t('shell.projects')}</a> <span aria-hidden="true">›</span>
        <a href="/projects/${project.id}/documents">${project.name}</a> <span aria-hidden="true">›</span>
      </nav>
      <div class="page-header">
        <div>
          <h1>${doc.name}</h1>
          <p class="muted small">${t('reader.meta', { file: doc.fileName, words: formatNumber(doc.wordCount), turns: formatNumber(doc.turnCount), date: formatDate(doc.createdAt) })}
            ${doc.revision.number > 1 ? html` · ${t('correction.revision', { number: doc.revision.number })}` : nothing}
            ${doc.hasOriginal ? html` · <a href="/api/documents/${doc.id}/original" download>${t('reader.downloadOriginal')}</a>` : nothing}</p>
        </div>
        ${roleAtLeast(project.role, 'coder') ? html`<history-controls .projectId=${project.id} @history-changed=${() => this.reloadCoding()}></history-controls>` : nothing}
      </div>
      ${highlightsSupported ? nothing : html`<p class="form-error">${t('coding.noHighlightApi')}</p>`}
      <div class="reader">
        <transcript-view .doc=${doc} .segments=${visible} .codes=${this.codes} .userId=${this.user.id} .role=${project.role}
          .flash=${flashSegment ? { start: flashSegment.start, end: flashSegment.end } : this.hit && this.hit.end <= doc.text.length ? this.hit : null} .recent=${this.recent}
          @coding-changed=${() => this.reloadCoding()} @codes-used=${(e: CustomEvent<string[]>) => this.rememberCodes(e.detail)}
          @document-corrected=${(e: CustomEvent<CorrectionReport>) => this.corrected(e.detail)}></transcript-view>
        <aside class="reader-side" aria-label=${t('reader.details')}>
          <orphans-panel .orphans=${this.segments.filter((s) => s.status === 'orphaned')}
            .canReview=${(s: ReaderSegment) => canEdit || (s.coderId === this.user.id && roleAtLeast(project.role, 'coder'))}
            .selection=${() => this.querySelector<TranscriptView>('transcript-view')?.selectedPassage() ?? null}
            @changed=${() => this.reloadCoding()}></orphans-panel>
          <document-codes-panel .segments=${visible} .filter=${this.filter} .coders=${this.coders()}
            @filter-changed=${(e: CustomEvent<CoderFilter>) => (this.filter = e.detail)}></document-codes-panel>
          <section class="card side-section" aria-labelledby="doc-memos-title"><h2 id="doc-memos-title">${t('memos.documentTitle')}</h2>
            <memo-list .memos=${this.memos} .codes=${this.codes} .projectId=${project.id} .userId=${this.user.id} .isLead=${canEdit}
              .canWrite=${roleAtLeast(project.role, 'coder')} .target=${{ type: 'document', id: doc.id }} @memos-changed=${() => this.reloadCoding()}></memo-list></section>
          <speakers-panel .doc=${doc} .canEdit=${canEdit} @document-changed=${(e: CustomEvent<DocumentDetail>) => (this.doc = e.detail)}></speakers-panel>
          <document-attributes-panel .doc=${doc} .definitions=${this.definitions} .canEdit=${canEdit}
            @document-changed=${(e: CustomEvent<DocumentDetail>) => (this.doc = e.detail)}></document-attributes-panel>
          <consent-panel .projectId=${project.id} .documentId=${doc.id} .canEdit=${canEdit}></consent-panel>
          <p class="hint">${t(roleAtLeast(project.role, 'coder') ? 'coding.keyboardHint' : 'reader.keyboardHint')}</p>
        </aside>
      </div>
    </section>`;
  }
}
customElements.define('reader-page', ReaderPage);
