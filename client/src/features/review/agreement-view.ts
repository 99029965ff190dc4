import { html, nothing } from 'lit';
import { type AgreementResult, analysisApi, type Disagreement } from '../../api/analysis';
import { projectsApi } from '../../api/projects';
import { memosApi } from '../../api/segments';
import type { Member, Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatNumber, t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';

const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/**
 * Agreement between coders: a per-code table (character level: percent, Cohen, alpha,
 * Brennan–Prediger; unitizing alpha; document level), the counts behind each figure, and for one
 * code and transcript the coders' passages side by side, where a lead accepts a version or merges.
 */
export class AgreementView extends LightElement {
  static override properties = {
    project: { attribute: false }, members: { state: true }, coderIds: { state: true }, result: { state: true },
    codeId: { state: true }, documentId: { state: true }, disagreements: { state: true }, busy: { state: true }, memoFor: { state: true },
  };
  declare project: Project;
  declare members: Member[];
  declare coderIds: string[];
  declare result: AgreementResult | null;
  declare codeId: string | null;
  declare documentId: string | null;
  declare disagreements: Disagreement[] | null;
  declare busy: boolean;
  /** The disagreement (by its start) whose memo form is open. */
  declare memoFor: number | null;

  constructor() {
    super();
    this.members = [];
    this.coderIds = [];
    this.result = null;
    this.codeId = null;
    this.documentId = null;
    this.disagreements = null;
    this.busy = false;
    this.memoFor = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void projectsApi.members(this.project.id).then((m) => (this.members = m.members));
    void this.load();
  }

  private async load() {
    this.busy = true;
    try {
      this.result = await analysisApi.agreement(this.project.id, this.coderIds.length >= 2 ? { coderIds: this.coderIds.join(',') } : {});
      this.coderIds = this.result.coders.map((c) => c.id);
    } catch (error) {
      this.result = null;
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  private async openCell(codeId: string, documentId: string) {
    this.codeId = codeId;
    this.documentId = documentId;
    const [a, b] = this.coderIds;
    this.disagreements = (await analysisApi.disagreements(this.project.id, { documentId, codeId, coderA: a!, coderB: b! })).disagreements;
    void this.updateComplete.then(() => this.querySelector('#disagreements')?.scrollIntoView({ block: 'start' }));
  }

  private async resolve(d: Disagreement, action: 'accept-a' | 'accept-b' | 'merge') {
    const [coderA, coderB] = this.coderIds;
    try {
      await analysisApi.resolve(this.project.id, { documentId: this.documentId!, codeId: this.codeId!, coderA: coderA!, coderB: coderB!, start: d.start, end: d.end, action });
      notify(t('review.resolved'), 'success');
      await this.load();
      await this.openCell(this.codeId!, this.documentId!);
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  /** A memo on the disagreement, attached to the first passage of it. */
  private async saveMemo(event: SubmitEvent, d: Disagreement) {
    event.preventDefault();
    const body = String(new FormData(event.target as HTMLFormElement).get('body') ?? '');
    const segment = d.a[0] ?? d.b[0];
    if (!segment || !body.trim()) return;
    try {
      await memosApi.create(this.project.id, { targetType: 'segment', targetId: segment.segmentId, title: t('review.memoTitle'), body, codeIds: this.codeId ? [this.codeId] : [] });
      this.memoFor = null;
      notify(t('coding.memoSaved'), 'success');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private renderCoderChoice() {
    return html`<fieldset class="coder-choice"><legend>${t('review.coders')}</legend>
      ${this.members.map((m) => html`<label class="inline"><input type="checkbox" .checked=${this.coderIds.includes(m.userId)}
        @change=${(e: Event) => { this.coderIds = (e.target as HTMLInputElement).checked ? [...this.coderIds, m.userId] : this.coderIds.filter((id) => id !== m.userId); }} />${m.name}</label>`)}
      <button class="button button-small" ?disabled=${this.coderIds.length < 2 || this.busy} @click=${this.load}>${t('review.compute')}</button>
    </fieldset>`;
  }

  private renderDisagreements(result: AgreementResult) {
    if (!this.disagreements) return nothing;
    const code = result.perCode.find((c) => c.codeId === this.codeId);
    const doc = result.documents.find((d) => d.id === this.documentId);
    const [a, b] = result.coders;
    const isLead = roleAtLeast(this.project.role, 'lead');
    return html`<section id="disagreements" class="card stack" aria-labelledby="disagreements-title">
      <h3 id="disagreements-title">${t('review.disagreementsTitle', { code: code?.name ?? '', document: doc?.name ?? '' })}</h3>
      ${this.disagreements.length === 0 ? html`<p class="muted">${t('review.noDisagreements')}</p>` : nothing}
      ${this.disagreements.map((d) => html`<div class="disagreement">
        <div class="side-by-side">
          ${[['a', a], ['b', b]].map(([key, coder]) => html`<div><h4>${(coder as { name: string }).name}</h4>
            ${(d[key as 'a' | 'b']).length === 0 ? html`<p class="muted small">${t('review.notCoded')}</p>`
              : d[key as 'a' | 'b'].map((s) => html`<blockquote class="popover-quote">${s.exact}</blockquote>`)}</div>`)}
        </div>
        <div class="row">
          <a class="button button-small" href="/documents/${this.documentId}?start=${d.start}&end=${d.end}">${t('review.openInReader')}</a>
          ${isLead ? html`<button class="button button-small" @click=${() => this.resolve(d, 'accept-a')}>${t('review.accept', { name: a!.name })}</button>
            <button class="button button-small" @click=${() => this.resolve(d, 'accept-b')}>${t('review.accept', { name: b!.name })}</button>
            <button class="button button-small" @click=${() => this.resolve(d, 'merge')}>${t('review.merge')}</button>` : nothing}
          <button class="button button-small" aria-expanded=${this.memoFor === d.start} @click=${() => (this.memoFor = this.memoFor === d.start ? null : d.start)}>${t('review.memo')}</button>
        </div>
        ${this.memoFor === d.start ? html`<form class="stack memo-form" @submit=${(e: SubmitEvent) => this.saveMemo(e, d)}>
          <label>${t('review.memoLabel')}<textarea name="body" rows="3" required></textarea></label>
          <div><button class="button button-primary button-small" type="submit">${t('common.save')}</button></div></form>` : nothing}
      </div>`)}
    </section>`;
  }

  override render() {
    const r = this.result;
    return html`${this.renderCoderChoice()}
      ${!r ? html`<p class="loading" aria-busy="true">${this.busy ? t('common.loading') : t('review.noAgreement')}</p>` : html`
      <p>${t('review.agreementIntro', { coders: r.coders.map((c) => c.name).join(', '), documents: r.documents.length })}</p>
      <dl class="stat-cards">
        <div><dt>${t('review.percent')}</dt><dd>${r.pooled.percent === null ? '—' : `${(r.pooled.percent * 100).toFixed(1)} %`}</dd></div>
        <div><dt>${t('review.cohen')}</dt><dd>${fmt(r.pooled.cohenKappa)}</dd></div>
        <div><dt>${t('review.alpha')}</dt><dd>${fmt(r.pooled.krippendorffAlpha)}</dd></div>
        <div><dt>${t('review.brennanPrediger')}</dt><dd>${fmt(r.pooled.brennanPrediger)}</dd></div>
      </dl>
      <p class="small muted">${t('review.countsExplained', { both: formatNumber(r.pooled.counts.both), onlyA: formatNumber(r.pooled.counts.onlyA), onlyB: formatNumber(r.pooled.counts.onlyB), neither: formatNumber(r.pooled.counts.neither) })}</p>
      <div class="row"><a class="button button-small" href=${analysisApi.exportUrl(this.project.id, 'agreement', 'csv', { coderIds: this.coderIds.join(',') })} download>CSV</a>
        <a class="button button-small" href=${analysisApi.exportUrl(this.project.id, 'agreement', 'xlsx', { coderIds: this.coderIds.join(',') })} download>Excel</a></div>
      <div class="table-wrap"><table class="data-table">
        <caption class="visually-hidden">${t('review.perCodeCaption')}</caption>
        <thead><tr><th scope="col">${t('review.code')}</th><th scope="col" class="num">${t('review.both')}</th><th scope="col" class="num">${t('review.onlyA', { name: r.coders[0]!.name })}</th>
          <th scope="col" class="num">${t('review.onlyB', { name: r.coders[1]!.name })}</th><th scope="col" class="num">%</th><th scope="col" class="num">κ</th><th scope="col" class="num">α</th>
          <th scope="col" class="num">BP</th><th scope="col" class="num">α<sub>u</sub></th>${r.coders.length > 2 ? html`<th scope="col" class="num">Fleiss κ</th>` : nothing}
          <th scope="col" class="num">${t('review.documentLevel')}</th><th scope="col">${t('review.byDocument')}</th></tr></thead>
        <tbody>${r.perCode.map((c) => html`<tr>
          <th scope="row" class="code-cell">${c.name}${c.path !== c.name ? html`<div class="muted small">${c.path.slice(0, c.path.length - c.name.length - 3)}</div>` : nothing}</th><td class="num">${formatNumber(c.counts.both)}</td><td class="num">${formatNumber(c.counts.onlyA)}</td><td class="num">${formatNumber(c.counts.onlyB)}</td>
          <td class="num">${c.percent === null ? '—' : (c.percent * 100).toFixed(1)}</td><td class="num">${fmt(c.cohenKappa)}</td><td class="num">${fmt(c.krippendorffAlpha)}</td>
          <td class="num">${fmt(c.brennanPrediger)}</td><td class="num">${fmt(c.unitizingAlpha)}</td>${r.coders.length > 2 ? html`<td class="num">${fmt(c.fleissKappa)}</td>` : nothing}
          <td class="num">${fmt(c.documentLevel.cohenKappa)}</td>
          <td><label class="visually-hidden" for="cell-${c.codeId}">${t('review.showDisagreements', { code: c.name })}</label>
            <select id="cell-${c.codeId}" class="cell-select" @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; if (v) void this.openCell(c.codeId, v); }}>
              <option value="">${t('review.chooseDocument')}</option>
              ${r.cells.filter((x) => x.codeId === c.codeId).map((x) => html`<option value=${x.documentId}>${r.documents.find((d) => d.id === x.documentId)?.name} — κ ${fmt(x.cohenKappa)}</option>`)}
            </select></td>
        </tr>`)}</tbody>
      </table></div>
      ${this.renderDisagreements(r)}`}`;
  }
}
customElements.define('agreement-view', AgreementView);
