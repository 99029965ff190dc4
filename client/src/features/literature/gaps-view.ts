import { html, nothing } from 'lit';
import { roleAtLeast } from '../../../../server/shared/roles';
import { ApiError } from '../../api/http';
import { type Gap, literatureApi, type Source } from '../../api/literature';
import type { Project } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { FOCI } from './sources-view';

export const SCOPES = ['international', 'belgium'] as const;
export const STATUSES = ['open', 'partly_filled', 'filled'] as const;

/** The gap list with an editor (statement, focus, scope, status, notes, sources); a gap opens its page. */
export class GapsView extends LightElement {
  static override properties = { project: { attribute: false }, gaps: { state: true }, sources: { state: true }, editing: { state: true }, error: { state: true } };
  declare project: Project;
  declare gaps: Gap[] | null;
  declare sources: Source[];
  declare editing: Gap | 'new' | null;
  declare error: string;

  constructor() { super(); this.gaps = null; this.sources = []; this.editing = null; this.error = ''; }
  override connectedCallback() { super.connectedCallback(); void this.load(); }

  private async load() {
    const [gaps, sources] = await Promise.all([literatureApi.gaps(this.project.id), literatureApi.sources(this.project.id)]);
    this.gaps = gaps.gaps; this.sources = sources.sources;
  }

  private open(gapId: string) { this.dispatchEvent(new CustomEvent('open-gap', { detail: { gapId }, bubbles: true })); }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const body = {
      statement: String(data.get('statement') ?? ''), focus: String(data.get('focus')) as Gap['focus'], scope: String(data.get('scope')) as Gap['scope'],
      status: String(data.get('status')) as Gap['status'], notes: String(data.get('notes') ?? ''), sourceIds: data.getAll('sourceIds').map(String),
    };
    try {
      if (this.editing === 'new') await literatureApi.createGap(this.project.id, body);
      else if (this.editing) await literatureApi.updateGap(this.project.id, this.editing.id, body);
      this.editing = null; this.error = '';
      await this.load();
    } catch (e) { this.error = e instanceof ApiError ? e.message : String(e); }
  }

  private async removeGap(gap: Gap) {
    if (!(await confirmAction({ title: t('literature.gaps.deleteTitle'), message: t('literature.gaps.deleteMessage', { statement: gap.statement }), confirmLabel: t('common.delete'), danger: true }))) return;
    await literatureApi.deleteGap(this.project.id, gap.id);
    await this.load();
  }

  /** Moves a gap one place up (-1) or down (+1). */
  private async move(index: number, by: -1 | 1) {
    const ids = this.gaps!.map((g) => g.id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    await literatureApi.reorderGaps(this.project.id, ids);
    await this.load();
  }

  private renderForm(gap: Gap | null) {
    const chosen = new Set(gap?.sourceIds ?? []);
    return html`<form class="card stack" @submit=${this.save} aria-labelledby="gap-form-title">
      <h2 id="gap-form-title">${gap ? t('literature.gaps.edit') : t('literature.gaps.add')}</h2>
      <label>${t('literature.gaps.statement')}<textarea name="statement" rows="2" required .value=${gap?.statement ?? ''}></textarea></label>
      <div class="row">
        <label>${t('literature.focusLabel')}<select name="focus">${FOCI.map((f) => html`<option value=${f} ?selected=${(gap?.focus ?? 'other') === f}>${t(`literature.focus.${f}`)}</option>`)}</select></label>
        <label>${t('literature.scopeLabel')}<select name="scope">${SCOPES.map((s) => html`<option value=${s} ?selected=${(gap?.scope ?? 'international') === s}>${t(`literature.scope.${s}`)}</option>`)}</select></label>
        <label>${t('literature.statusLabel')}<select name="status">${STATUSES.map((s) => html`<option value=${s} ?selected=${(gap?.status ?? 'open') === s}>${t(`literature.status.${s}`)}</option>`)}</select></label>
      </div>
      <label>${t('literature.notes')}<textarea name="notes" rows="2" .value=${gap?.notes ?? ''}></textarea></label>
      <fieldset class="source-choices"><legend>${t('literature.gaps.sources')}</legend>
        ${this.sources.length === 0 ? html`<p class="hint">${t('literature.gaps.noSources')}</p>` : this.sources.map((s) => html`<label class="source-choice"><input type="checkbox" name="sourceIds" value=${s.id} ?checked=${chosen.has(s.id)} /><span>${s.citation}</span></label>`)}
      </fieldset>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <div class="row"><button class="button button-primary" type="submit">${t('common.save')}</button>
        <button class="button" type="button" @click=${() => { this.editing = null; this.error = ''; }}>${t('common.cancel')}</button></div>
    </form>`;
  }

  override render() {
    const canEdit = roleAtLeast(this.project.role, 'coder');
    return html`<div class="stack">
      <div class="toolbar"><span class="toolbar-spacer"></span>
        ${canEdit ? html`<button class="button button-primary" @click=${() => (this.editing = 'new')}>${t('literature.gaps.add')}</button>` : nothing}</div>
      ${this.editing ? this.renderForm(this.editing === 'new' ? null : this.editing) : nothing}
      ${this.gaps === null ? html`<p class="loading">${t('common.loading')}</p>` : this.gaps.length === 0 ? html`<p class="empty-state">${t('literature.gaps.none')}</p>` : html`
        <div class="table-wrap"><table class="data-table"><caption class="visually-hidden">${t('literature.viewNames.gaps')}</caption>
          <thead><tr><th scope="col">${t('literature.gaps.statement')}</th><th scope="col">${t('literature.focusLabel')}</th><th scope="col">${t('literature.scopeLabel')}</th>
            <th scope="col">${t('literature.statusLabel')}</th><th scope="col" class="num">${t('literature.gaps.sourceCount')}</th><th scope="col" class="num">${t('literature.gaps.codeCount')}</th><th scope="col"></th></tr></thead>
          <tbody>${this.gaps.map((g, i, all) => html`<tr><th scope="row"><a href="?view=gaps&gap=${g.id}" @click=${(e: Event) => { e.preventDefault(); this.open(g.id); }}>${g.statement}</a></th>
            <td>${t(`literature.focus.${g.focus}`)}</td><td>${t(`literature.scope.${g.scope}`)}</td><td>${t(`literature.status.${g.status}`)}</td>
            <td class="num">${g.sourceIds.length}</td><td class="num">${g.codeIds?.length ?? 0}</td>
            <td class="nowrap">${canEdit ? html`<button class="button button-small" ?disabled=${i === 0} aria-label=${t('literature.gaps.moveUp', { statement: g.statement })} @click=${() => this.move(i, -1)}>↑</button>
              <button class="button button-small" ?disabled=${i === all.length - 1} aria-label=${t('literature.gaps.moveDown', { statement: g.statement })} @click=${() => this.move(i, 1)}>↓</button>
              <button class="button button-small" @click=${() => (this.editing = g)}>${t('common.edit')}</button>
              <button class="button button-small" @click=${() => this.removeGap(g)}>${t('common.delete')}</button>` : nothing}</td></tr>`)}</tbody></table></div>`}
    </div>`;
  }
}
customElements.define('gaps-view', GapsView);
