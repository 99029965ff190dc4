import { html, nothing } from 'lit';
import { memosApi } from '../../api/segments';
import type { Code, Memo, MemoTarget } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { renderMarkdown } from '../../components/markdown';
import { notify } from '../../components/toasts';
import { formatDateTime, t } from '../../i18n/i18n';

/**
 * A list of memos with their author, dates, linked codes and Markdown text, plus a form to write
 * one on `target` (when given). Authors and leads edit and delete. Event: `memos-changed`.
 */
export class MemoList extends LightElement {
  static override properties = {
    memos: { attribute: false }, codes: { attribute: false }, projectId: { attribute: false }, userId: { attribute: false },
    isLead: { attribute: false }, canWrite: { attribute: false }, target: { attribute: false }, showTarget: { attribute: false },
    editing: { state: true }, writing: { state: true },
  };
  declare memos: Memo[];
  declare codes: Code[];
  declare projectId: string;
  declare userId: string;
  declare isLead: boolean;
  declare canWrite: boolean;
  /** Where new memos go; none: no form. */
  declare target: { type: MemoTarget; id: string | null } | null;
  /** Show what each memo is about (document, code…), for the project-wide list. */
  declare showTarget: ((memo: Memo) => unknown) | null;
  declare editing: string | null;
  declare writing: boolean;

  constructor() {
    super();
    this.memos = [];
    this.codes = [];
    this.target = null;
    this.showTarget = null;
    this.editing = null;
    this.writing = false;
  }

  private codeIdsFrom(form: FormData): string[] {
    return form.getAll('codeIds').map(String);
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const element = event.target as HTMLFormElement;
    const form = new FormData(element);
    try {
      await memosApi.create(this.projectId, {
        targetType: this.target!.type, targetId: this.target!.id, title: String(form.get('title') ?? ''), body: String(form.get('body') ?? ''), codeIds: this.codeIdsFrom(form),
      });
      element.reset();
      this.writing = false;
      notify(t('memos.saved'), 'success');
      this.emit('memos-changed');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private async save(event: SubmitEvent, memo: Memo) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      await memosApi.update(memo.id, { title: String(form.get('title') ?? ''), body: String(form.get('body') ?? ''), codeIds: this.codeIdsFrom(form) });
      this.editing = null;
      this.emit('memos-changed');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private async delete(memo: Memo) {
    const ok = await confirmAction({ title: t('memos.deleteTitle'), message: t('memos.deleteMessage', { title: memo.title || t('memos.untitled') }), confirmLabel: t('common.delete'), danger: true });
    if (!ok) return;
    try {
      await memosApi.remove(memo.id);
      this.emit('memos-changed');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private fields(memo?: Memo) {
    return html`<label>${t('memos.title')}<input name="title" maxlength="300" .value=${memo?.title ?? ''} /></label>
      <label>${t('memos.body')}<textarea name="body" rows="5" required .value=${memo?.body ?? ''} placeholder=${t('memos.bodyPlaceholder')}></textarea></label>
      ${this.codes.length
        ? html`<label>${t('memos.linkedCodes')}<select name="codeIds" multiple size=${Math.min(6, this.codes.length)}>
            ${this.codes.filter((c) => !c.archived).map((c) => html`<option value=${c.id} ?selected=${memo?.codeIds.includes(c.id) ?? false}>${c.name}</option>`)}
          </select></label>`
        : nothing}`;
  }

  private renderMemo(memo: Memo) {
    if (this.editing === memo.id) {
      return html`<li class="memo-item"><form class="stack" @submit=${(e: SubmitEvent) => this.save(e, memo)}>${this.fields(memo)}
        <div class="row"><button class="button button-primary button-small" type="submit">${t('common.save')}</button>
        <button class="button button-small" type="button" @click=${() => (this.editing = null)}>${t('common.cancel')}</button></div></form></li>`;
    }
    const mine = memo.authorId === this.userId || this.isLead;
    const linked = memo.codeIds.map((id) => this.codes.find((c) => c.id === id)?.name).filter(Boolean);
    return html`<li class="memo-item">
      <div class="row spread"><strong>${memo.title || t('memos.untitled')}</strong>
        ${mine && this.canWrite ? html`<span class="row"><button class="button button-small" @click=${() => (this.editing = memo.id)}>${t('common.edit')}</button>
          <button class="button button-small" @click=${() => this.delete(memo)}>${t('common.delete')}</button></span>` : nothing}</div>
      <p class="small muted">${t('memos.byline', { name: memo.authorName ?? t('memos.formerMember'), date: formatDateTime(memo.updatedAt) })}
        ${this.showTarget ? html` · ${this.showTarget(memo)}` : nothing}</p>
      ${renderMarkdown(memo.body)}
      ${linked.length ? html`<p class="small">${t('memos.linkedTo', { codes: linked.join(', ') })}</p>` : nothing}
    </li>`;
  }

  override render() {
    return html`
      ${this.target && this.canWrite
        ? this.writing
          ? html`<form class="card stack memo-new" @submit=${this.create}>${this.fields()}
              <div class="row"><button class="button button-primary button-small" type="submit">${t('memos.add')}</button>
              <button class="button button-small" type="button" @click=${() => (this.writing = false)}>${t('common.cancel')}</button></div></form>`
          : html`<button class="button button-small" @click=${() => (this.writing = true)}>${t('memos.new')}</button>`
        : nothing}
      ${this.memos.length === 0 ? html`<p class="muted small">${t('memos.none')}</p>` : html`<ul class="memo-list">${this.memos.map((m) => this.renderMemo(m))}</ul>`}`;
  }
}
customElements.define('memo-list', MemoList);
