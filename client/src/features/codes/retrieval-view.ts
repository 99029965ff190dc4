import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { codesApi, type RetrievalFilter } from '../../api/codes';
import { onProjectChange } from '../../api/live';
import { projectsApi } from '../../api/projects';
import type { Code, Member, Project, RetrievedSegment } from '../../api/types';
import { downloadIcon } from '../../components/icons';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatDate, formatNumber, t } from '../../i18n/i18n';
import { subtreeIds } from './code-model';

interface DocumentGroup {
  documentId: string;
  documentName: string;
  segments: RetrievedSegment[];
}

/**
 * Retrieval: every passage coded with a code (optionally with its sub-codes), filtered by coder,
 * respondent group and language, grouped by document, each quote in the middle of its context,
 * with links into the reader and CSV / Excel exports of the same selection. Event: `close`.
 */
export class RetrievalView extends LightElement {
  static override properties = {
    project: { attribute: false }, code: { attribute: false }, codes: { attribute: false },
    segments: { state: true }, members: { state: true }, includeDescendants: { state: true },
    coderId: { state: true }, respondentGroup: { state: true }, language: { state: true },
  };
  declare project: Project;
  declare code: Code;
  declare codes: Code[];
  declare segments: RetrievedSegment[] | null;
  declare members: Member[];
  declare includeDescendants: boolean;
  declare coderId: string;
  declare respondentGroup: string;
  declare language: string;
  private stopLive?: () => void;
  private timer?: ReturnType<typeof setTimeout>;
  private loadSeq = 0;

  constructor() {
    super();
    this.codes = [];
    this.segments = null;
    this.members = [];
    this.includeDescendants = false;
    this.coderId = '';
    this.respondentGroup = '';
    this.language = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.loadMembers();
    this.stopLive = onProjectChange(this.project.id, (event) => {
      if (['code', 'segment', 'document'].includes(event.entityType) || event.type.startsWith('action.') || event.type === 'codebook.imported') {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.load(), 300);
      }
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopLive?.();
    clearTimeout(this.timer);
  }

  override willUpdate(changed: Map<string, unknown>) {
    const before = changed.get('code') as Code | undefined;
    if (changed.has('code') && this.code && before?.id !== this.code.id) {
      this.segments = null;
      void this.load();
    } else if (changed.has('includeDescendants') || changed.has('coderId') || changed.has('respondentGroup') || changed.has('language')) {
      void this.load();
    }
  }

  /** Moves the keyboard focus to the view's heading. */
  async focusHeading() {
    await this.updateComplete;
    this.querySelector<HTMLElement>('#retrieval-title')?.focus();
  }

  private filter(): RetrievalFilter {
    return {
      includeDescendants: this.includeDescendants || undefined,
      coderId: this.coderId || undefined,
      respondentGroup: this.respondentGroup || undefined,
      language: this.language || undefined,
    };
  }

  private async loadMembers() {
    try {
      this.members = (await projectsApi.members(this.project.id)).members;
    } catch {
      // the coder filter then lists the coders seen in the passages
    }
  }

  private async load() {
    const seq = ++this.loadSeq;
    try {
      const { segments } = await codesApi.segments(this.project.id, this.code.id, this.filter());
      if (seq === this.loadSeq) this.segments = segments;
    } catch (error) {
      if (seq !== this.loadSeq) return;
      notify((error as Error).message, 'error');
      this.segments ??= [];
    }
  }

  private groups(segments: RetrievedSegment[]): DocumentGroup[] {
    const out = new Map<string, DocumentGroup>();
    for (const s of segments) {
      let group = out.get(s.documentId);
      if (!group) out.set(s.documentId, (group = { documentId: s.documentId, documentName: s.documentName, segments: [] }));
      group.segments.push(s);
    }
    return [...out.values()];
  }

  private coders(): { id: string; name: string }[] {
    const list = new Map(this.members.map((m) => [m.userId, m.name]));
    for (const s of this.segments ?? []) if (s.coderId && !list.has(s.coderId)) list.set(s.coderId, s.coderName ?? s.coderId);
    return [...list].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  private colorOf(codeId: string) {
    return this.codes.find((c) => c.id === codeId)?.color ?? 'var(--muted)';
  }

  private renderSegment(s: RetrievedSegment) {
    const speaker = s.speaker
      ? html`${s.speaker}${s.speakerRole && s.speakerRole !== 'other' ? html` <span class="muted">(${t(`speakerRoles.${s.speakerRole}`)})</span>` : nothing}`
      : html`<span class="muted">${t('retrieval.noSpeaker')}</span>`;
    return html`<li class="passage ${s.status === 'orphaned' ? 'orphaned' : ''}">
      <div class="passage-meta small">
        <span><span class="muted">${t('retrieval.speaker')}:</span> ${speaker}</span>
        <span><span class="muted">${t('retrieval.coder')}:</span> ${s.coderName ?? html`<span class="muted">${t('retrieval.formerMember')}</span>`}, ${formatDate(s.createdAt)}</span>
        ${s.status === 'orphaned' ? html`<span class="badge badge-warn" title=${t('retrieval.needsReviewHint')}>${t('retrieval.needsReview')}</span>` : nothing}
      </div>
      <blockquote class="passage-quote">${s.contextBefore ? html`<span class="passage-context">${s.contextBefore}</span>` : nothing}<mark class="passage-hit">${s.quote}</mark>${s.contextAfter ? html`<span class="passage-context">${s.contextAfter}</span>` : nothing}</blockquote>
      <div class="row spread">
        <ul class="passage-codes" aria-label=${t('retrieval.codesOnPassage')}>
          ${s.codes.map((c) => html`<li class="chip" title=${c.path}><span class="swatch" style=${styleMap({ background: this.colorOf(c.codeId) })}></span>${c.name}</li>`)}
        </ul>
        <a class="button button-small" href="/documents/${s.documentId}?segment=${s.segmentId}">${t('retrieval.openInReader')}</a>
      </div>
    </li>`;
  }

  private select(label: string, value: string, onChange: (v: string) => void, options: { value: string; label: string }[], all: string) {
    return html`<label>${label}
      <select @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${value === ''}>${all}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
      </select></label>`;
  }

  override render() {
    const c = this.code;
    if (!c) return nothing;
    const segments = this.segments;
    const hasChildren = subtreeIds(this.codes, c.id).size > 1;
    const filter = this.filter();
    const groups = segments ? this.groups(segments) : [];
    return html`<section class="card stack retrieval" aria-labelledby="retrieval-title">
      <div class="row spread">
        <h2 id="retrieval-title" tabindex="-1"><span class="swatch" style=${styleMap({ background: c.color })}></span>${t('retrieval.title', { name: c.name })}</h2>
        <button class="button button-small" type="button" @click=${() => this.emit('close')}>${t('retrieval.back')}</button>
      </div>
      <form class="retrieval-filters" aria-label=${t('retrieval.filters')} @submit=${(e: Event) => e.preventDefault()}>
        <label class="inline"><input type="checkbox" .checked=${this.includeDescendants} ?disabled=${!hasChildren}
          @change=${(e: Event) => (this.includeDescendants = (e.target as HTMLInputElement).checked)} />${t('retrieval.includeSubcodes')}</label>
        <div class="row">
          ${this.select(t('retrieval.coder'), this.coderId, (v) => (this.coderId = v), this.coders().map((m) => ({ value: m.id, label: m.name })), t('retrieval.allCoders'))}
          ${this.select(t('retrieval.group'), this.respondentGroup, (v) => (this.respondentGroup = v), ['international', 'belgian'].map((g) => ({ value: g, label: t(`groups.${g}`) })), t('retrieval.allGroups'))}
          ${this.select(t('retrieval.language'), this.language, (v) => (this.language = v), ['nl', 'fr', 'en', 'other'].map((l) => ({ value: l, label: t(`languages.${l}`) })), t('retrieval.allLanguages'))}
        </div>
      </form>
      <div class="row spread">
        <p class="small" role="status" aria-live="polite">${segments === null
          ? t('common.loading')
          : t('retrieval.summary', {
              passages: t('retrieval.passageCount', { count: segments.length, formatted: formatNumber(segments.length) }),
              documents: t('retrieval.documentCount', { count: groups.length, formatted: formatNumber(groups.length) }),
            })}</p>
        <div class="row">
          <a class="button button-small" download href=${codesApi.segmentsExportUrl(this.project.id, c.id, 'csv', filter)}>${downloadIcon()} ${t('retrieval.exportCsv')}</a>
          <a class="button button-small" download href=${codesApi.segmentsExportUrl(this.project.id, c.id, 'xlsx', filter)}>${downloadIcon()} ${t('retrieval.exportXlsx')}</a>
        </div>
      </div>
      ${segments === null
        ? nothing
        : segments.length === 0
          ? html`<p class="muted">${t('retrieval.none')}</p>`
          : groups.map((g) => html`<section class="passage-group" aria-labelledby="doc-${g.documentId}">
              <h3 id="doc-${g.documentId}"><a href="/documents/${g.documentId}">${g.documentName}</a>
                <span class="muted small">${t('retrieval.passageCount', { count: g.segments.length, formatted: formatNumber(g.segments.length) })}</span></h3>
              <ol class="passage-list">${g.segments.map((s) => this.renderSegment(s))}</ol>
            </section>`)}
    </section>`;
  }
}
customElements.define('retrieval-view', RetrievalView);
