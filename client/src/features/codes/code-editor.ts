import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { codesApi, type CodeFields } from '../../api/codes';
import { onProjectChange } from '../../api/live';
import { memosApi } from '../../api/segments';
import type { Code, Memo, Project, User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatNumber, t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import type { CodeAction, CodeActionDetail } from './code-menu';
import { pathNames } from './code-model';
import '../memos/memo-list';

type Draft = Required<Pick<CodeFields, 'name' | 'color' | 'definition' | 'inclusion' | 'exclusion' | 'example'>>;
const FIELDS = ['name', 'color', 'definition', 'inclusion', 'exclusion', 'example'] as const;
const TEXT_FIELDS = ['definition', 'inclusion', 'exclusion', 'example'] as const;

const draftOf = (c: Code): Draft => ({ name: c.name, color: c.color.toLowerCase(), definition: c.definition, inclusion: c.inclusion, exclusion: c.exclusion, example: c.example });

/**
 * The details of one code: its name, colour and the four fields of a codebook entry (saved
 * together), its actions (as buttons: the same `code-action` events as the tree's menu) and its
 * memos. Events: `code-saved` (the updated code), `code-action` `{ action, id }`.
 */
export class CodeEditor extends LightElement {
  static override properties = {
    project: { attribute: false }, user: { attribute: false }, code: { attribute: false }, codes: { attribute: false },
    draft: { state: true }, dirty: { state: true }, saving: { state: true }, changedElsewhere: { state: true }, memos: { state: true },
  };
  declare project: Project;
  declare user: User;
  declare code: Code;
  declare codes: Code[];
  declare draft: Draft;
  declare dirty: boolean;
  declare saving: boolean;
  /** Someone else saved this code while the form had unsaved changes. */
  declare changedElsewhere: boolean;
  declare memos: Memo[] | null;
  private stopLive?: () => void;
  private memosFor = '';

  constructor() {
    super();
    this.codes = [];
    this.dirty = false;
    this.saving = false;
    this.changedElsewhere = false;
    this.memos = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.stopLive = onProjectChange(this.project.id, (event) => {
      if (event.entityType === 'memo' || event.type.startsWith('action.')) void this.loadMemos();
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopLive?.();
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (!changed.has('code') || !this.code) return;
    const before = changed.get('code') as Code | undefined;
    if (!before || before.id !== this.code.id) {
      this.draft = draftOf(this.code);
      this.dirty = false;
      this.changedElsewhere = false;
      if (this.memosFor !== this.code.id) {
        this.memosFor = this.code.id;
        this.memos = null;
        void this.loadMemos();
      }
    } else if (before.updatedAt !== this.code.updatedAt || FIELDS.some((f) => before[f] !== this.code[f])) {
      if (this.dirty) this.changedElsewhere = true;
      else this.draft = draftOf(this.code);
    }
  }

  /** Moves the keyboard focus to the panel's heading (after "Enter" in the tree). */
  async focusHeading() {
    await this.updateComplete;
    this.querySelector<HTMLElement>('#code-editor-title')?.focus();
  }

  private async loadMemos() {
    const id = this.code?.id;
    if (!id) return;
    try {
      const { memos } = await memosApi.list(this.project.id, { codeId: id });
      if (this.code.id === id) this.memos = memos;
    } catch (error) {
      notify((error as Error).message, 'error');
      this.memos ??= [];
    }
  }

  private get canEdit() {
    return roleAtLeast(this.project.role, 'coder');
  }

  private get canLead() {
    return roleAtLeast(this.project.role, 'lead');
  }

  private onInput(event: Event) {
    const field = event.target as HTMLInputElement | HTMLTextAreaElement;
    const name = field.name as keyof Draft;
    if (!FIELDS.includes(name)) return;
    this.draft = { ...this.draft, [name]: field.value };
    const saved = draftOf(this.code);
    this.dirty = FIELDS.some((f) => this.draft[f] !== saved[f]);
  }

  private discard() {
    this.draft = draftOf(this.code);
    this.dirty = false;
    this.changedElsewhere = false;
  }

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const saved = draftOf(this.code);
    // Only what changed here: a colleague's edit of another field survives.
    const patch: CodeFields = {};
    for (const f of FIELDS) if (this.draft[f] !== saved[f]) patch[f] = f === 'name' ? this.draft[f].trim() : this.draft[f];
    if (Object.keys(patch).length === 0) return;
    if (patch.name === '') {
      notify(t('codes.nameRequired'), 'error');
      return;
    }
    this.saving = true;
    try {
      const updated = await codesApi.update(this.project.id, this.code.id, patch);
      this.dirty = false;
      this.changedElsewhere = false;
      this.draft = draftOf(updated);
      notify(t('codes.saved', { name: updated.name }), 'success');
      this.emit('code-saved', updated);
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.saving = false;
    }
  }

  private act(action: CodeAction) {
    this.emit<CodeActionDetail>('code-action', { action, id: this.code.id });
  }

  private renderForm() {
    const d = this.draft;
    return html`<form class="stack code-form" @submit=${this.save} @input=${this.onInput} aria-labelledby="code-editor-title">
      <div class="row align-end">
        <label class="grow">${t('codes.fields.name')}<input name="name" required maxlength="200" autocomplete="off" .value=${d.name} /></label>
        <label>${t('codes.fields.color')}<input name="color" type="color" class="color-input" .value=${d.color} /></label>
      </div>
      ${TEXT_FIELDS.map((f) => html`<label>${t(`codes.fields.${f}`)}
        <textarea name=${f} rows=${f === 'definition' ? 3 : 2} maxlength="10000" placeholder=${t(`codes.placeholders.${f}`)} .value=${d[f]}></textarea></label>`)}
      ${this.changedElsewhere ? html`<p class="form-error" role="alert">${t('codes.changedElsewhere')}</p>` : nothing}
      <div class="row">
        <button class="button button-primary" type="submit" ?disabled=${!this.dirty || this.saving}>${this.saving ? t('common.working') : t('common.save')}</button>
        ${this.dirty ? html`<button class="button" type="button" @click=${this.discard}>${t('codes.discard')}</button>` : nothing}
        ${this.dirty ? html`<span class="muted small" role="status">${t('codes.unsaved')}</span>` : nothing}
      </div>
    </form>`;
  }

  private renderReadOnly() {
    const c = this.code;
    return html`<dl class="code-fields">
      ${TEXT_FIELDS.map((f) => html`<dt>${t(`codes.fields.${f}`)}</dt><dd class="preserve-lines">${c[f] || html`<span class="muted">—</span>`}</dd>`)}
    </dl>`;
  }

  override render() {
    const c = this.code;
    if (!c || !this.draft) return nothing;
    const parentPath = c.parentId ? pathNames(this.codes).get(c.parentId) : undefined;
    return html`<section class="card stack code-editor" aria-labelledby="code-editor-title">
      <div class="row spread">
        <h2 id="code-editor-title" tabindex="-1"><span class="swatch" style=${styleMap({ background: c.color })}></span>${c.name}</h2>
        ${c.archived ? html`<span class="badge badge-quiet">${t('codes.archived')}</span>` : nothing}
      </div>
      ${parentPath ? html`<p class="muted small code-path">${t('codes.under', { path: parentPath })}</p>` : nothing}
      <p class="small">${t('codes.usage', {
        codings: t('codes.codingCount', { count: c.codingCount, formatted: formatNumber(c.codingCount) }),
        documents: t('codes.documentCount', { count: c.documentCount, formatted: formatNumber(c.documentCount) }),
      })}</p>
      <div class="row">
        <button class="button button-primary" type="button" @click=${() => this.act('passages')}>${t('codes.showPassages')}</button>
        ${this.canEdit ? html`<button class="button" type="button" @click=${() => this.act('add-child')}>${t('codes.addChild')}</button>` : nothing}
      </div>
      ${this.canEdit ? this.renderForm() : this.renderReadOnly()}
      ${this.canEdit
        ? html`<div class="row code-actions" role="group" aria-label=${t('codes.moreActions')}>
            <button class="button button-small" type="button" @click=${() => this.act('move-to')}>${t('codes.menu.moveTo')}</button>
            <button class="button button-small" type="button" @click=${() => this.act(c.archived ? 'restore' : 'archive')}>${c.archived ? t('codes.menu.restore') : t('codes.menu.archive')}</button>
            ${this.canLead
              ? html`<button class="button button-small" type="button" @click=${() => this.act('merge')}>${t('codes.menu.merge')}</button>
                  <button class="button button-small button-danger" type="button" @click=${() => this.act('delete')}>${t('codes.menu.delete')}</button>`
              : nothing}
          </div>`
        : nothing}
      <section class="code-memos" aria-labelledby="code-memos-title">
        <h3 id="code-memos-title">${t('codes.memosTitle')}</h3>
        ${this.memos === null
          ? html`<p class="muted small" aria-busy="true">${t('common.loading')}</p>`
          : html`<memo-list .memos=${this.memos} .codes=${this.codes} .projectId=${this.project.id} .userId=${this.user.id}
              .isLead=${this.canLead} .canWrite=${this.canEdit} .target=${{ type: 'code', id: c.id }}
              @memos-changed=${() => this.loadMemos()}></memo-list>`}
      </section>
    </section>`;
  }
}
customElements.define('code-editor', CodeEditor);
