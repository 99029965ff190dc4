import { html, nothing } from 'lit';
import { codesApi, type CodebookImportReport } from '../../api/codes';
import { onProjectChange } from '../../api/live';
import type { Code, LiveEvent, Project, User } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { downloadIcon, plusIcon, uploadIcon } from '../../components/icons';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatNumber, t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import type { HistoryControls } from '../reader/history-controls';
import type { CodeChoiceDialog } from './code-choice-dialog';
import type { CodeEditor } from './code-editor';
import type { CodeActionDetail } from './code-menu';
import { moveStep, pathNames, subtreeIds } from './code-model';
import type { CodeMoveDetail, CodeTree } from './code-tree';
import type { RetrievalView } from './retrieval-view';
import '../reader/history-controls';
import './code-choice-dialog';
import './code-editor';
import './code-tree';
import './retrieval-view';

/** The value of the "top level" choice in "Move to…" (no code id looks like it). */
const TOP_LEVEL = '::top';

/**
 * A project's codebook: the tree of codes (filter, archived codes on request, drag and drop or
 * menu moves), the selected code's details and memos or its coded passages, CSV export and
 * import, undo/redo, and live updates when others change the codebook.
 */
export class CodebookTab extends LightElement {
  static override properties = {
    project: { attribute: false }, user: { attribute: false },
    codes: { state: true }, selectedId: { state: true }, view: { state: true }, collapsed: { state: true },
    filter: { state: true }, showArchived: { state: true }, creating: { state: true }, createError: { state: true },
    importReport: { state: true }, importing: { state: true }, busy: { state: true },
  };
  declare project: Project;
  declare user: User;
  declare codes: Code[] | null;
  declare selectedId: string | null;
  declare view: 'details' | 'passages';
  declare collapsed: Set<string>;
  declare filter: string;
  declare showArchived: boolean;
  /** The inline "new code" form, for a top-level code (parentId null) or a sub-code. */
  declare creating: { parentId: string | null } | null;
  declare createError: string;
  declare importReport: CodebookImportReport | null;
  declare importing: boolean;
  declare busy: boolean;
  private stopLive?: () => void;
  private reloadTimer?: ReturnType<typeof setTimeout>;
  private loadSeq = 0;

  constructor() {
    super();
    this.codes = null;
    this.selectedId = null;
    this.view = 'details';
    this.collapsed = new Set();
    this.filter = '';
    this.showArchived = false;
    this.creating = null;
    this.createError = '';
    this.importReport = null;
    this.importing = false;
    this.busy = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.stopLive = onProjectChange(this.project.id, (event) => this.onLive(event));
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopLive?.();
    clearTimeout(this.reloadTimer);
  }

  private onLive(event: LiveEvent) {
    // Codebook changes, and codings or documents that change the counts.
    const relevant = event.entityType === 'code' || event.entityType === 'segment' || event.entityType === 'document'
      || event.type === 'codebook.imported' || event.type === 'action.undone' || event.type === 'action.redone';
    if (!relevant) return;
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(), 200);
  }

  private async load() {
    const seq = ++this.loadSeq;
    try {
      const { codes } = await codesApi.list(this.project.id);
      if (seq !== this.loadSeq) return;
      this.codes = codes;
      if (this.selectedId && !codes.some((c) => c.id === this.selectedId)) {
        this.selectedId = null;
        this.view = 'details';
      }
      if (this.creating?.parentId && !codes.some((c) => c.id === this.creating!.parentId)) this.creating = null;
    } catch (error) {
      if (seq !== this.loadSeq) return;
      notify((error as Error).message, 'error');
      this.codes ??= [];
    }
    void this.querySelector<HistoryControls>('history-controls')?.refresh();
  }

  private get canEdit() {
    return roleAtLeast(this.project.role, 'coder');
  }

  private get canLead() {
    return roleAtLeast(this.project.role, 'lead');
  }

  private code(id: string | null) {
    return id ? this.codes?.find((c) => c.id === id) ?? null : null;
  }

  private expand(id: string | null) {
    if (!id || !this.collapsed.has(id)) return;
    const next = new Set(this.collapsed);
    next.delete(id);
    this.collapsed = next;
  }

  private async focusTreeRow(id: string) {
    await this.updateComplete;
    await this.querySelector<CodeTree>('code-tree')?.focusRow(id);
  }

  // ——— Selecting, opening, creating ———

  private async select(id: string, focusDetails: boolean) {
    this.selectedId = id;
    if (focusDetails) this.view = 'details';
    if (!focusDetails) return;
    await this.updateComplete;
    await this.querySelector<CodeEditor>('code-editor')?.focusHeading();
  }

  private async showPassages(id: string) {
    this.selectedId = id;
    this.view = 'passages';
    await this.updateComplete;
    await this.querySelector<RetrievalView>('retrieval-view')?.focusHeading();
  }

  private async startCreate(parentId: string | null) {
    this.creating = { parentId };
    this.createError = '';
    this.expand(parentId);
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('#new-code-name')?.focus();
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    if (!name || !this.creating) return;
    const parentId = this.creating.parentId;
    this.busy = true;
    this.createError = '';
    try {
      const code = await codesApi.create(this.project.id, { name, parentId });
      notify(parentId ? t('codes.createdChild', { name: code.name, parent: this.code(parentId)?.name ?? '' }) : t('codes.created', { name: code.name }), 'success');
      form.reset();
      this.expand(parentId);
      this.selectedId = code.id;
      this.view = 'details';
      await this.load();
      // The form stays open for the next code at the same level (Esc or Cancel closes it).
      this.querySelector<HTMLInputElement>('#new-code-name')?.focus();
    } catch (error) {
      this.createError = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private cancelCreate() {
    const parentId = this.creating?.parentId ?? null;
    this.creating = null;
    this.createError = '';
    const back = parentId ?? this.selectedId;
    if (back) void this.focusTreeRow(back);
  }

  // ——— Moving ———

  private async move(id: string, parentId: string | null, position?: number) {
    const code = this.code(id);
    if (!code) return;
    this.busy = true;
    try {
      await codesApi.move(this.project.id, id, parentId, position);
      this.expand(parentId);
      const parent = this.code(parentId);
      notify(parentId === code.parentId ? t('codes.moved', { name: code.name })
        : parent ? t('codes.movedInto', { name: code.name, parent: parent.name }) : t('codes.movedTopLevel', { name: code.name }), 'success');
      await this.load();
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  private onMove(event: CustomEvent<CodeMoveDetail>) {
    const { id, parentId, position } = event.detail;
    void this.move(id, parentId, position).then(() => this.focusTreeRow(id));
  }

  private async moveStep(id: string, direction: -1 | 1) {
    const step = moveStep(this.codes ?? [], id, direction, (c) => this.showArchived || !c.archived);
    if (!step) return;
    await this.move(id, step.parentId, step.position);
    await this.focusTreeRow(id);
  }

  private dialog() {
    return this.querySelector<CodeChoiceDialog>('code-choice-dialog')!;
  }

  private async moveTo(code: Code) {
    const codes = this.codes ?? [];
    const inside = subtreeIds(codes, code.id);
    const paths = pathNames(codes);
    const choices = [
      { value: TOP_LEVEL, label: t('codes.topLevel') },
      ...codes.filter((c) => !inside.has(c.id)).map((c) => ({ value: c.id, label: c.archived ? `${paths.get(c.id)!} (${t('codes.archived')})` : paths.get(c.id)! }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    ];
    const chosen = await this.dialog().choose({
      title: t('codes.moveTitle', { name: code.name }), message: t('codes.moveMessage'), label: t('codes.newParent'),
      choices, selected: code.parentId ?? TOP_LEVEL, confirmLabel: t('codes.moveConfirm'),
    });
    if (chosen === null) return;
    const parentId = chosen === TOP_LEVEL ? null : chosen;
    if (parentId === code.parentId) return;
    await this.move(code.id, parentId);
    await this.focusTreeRow(code.id);
  }

  // ——— Archive, merge, delete ———

  private async setArchived(code: Code, archived: boolean) {
    try {
      await codesApi.update(this.project.id, code.id, { archived });
      notify(archived ? (this.showArchived ? t('codes.archivedNotice', { name: code.name }) : t('codes.archivedHiddenNotice', { name: code.name })) : t('codes.restored', { name: code.name }), 'success');
      await this.load();
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private async merge(code: Code) {
    const codes = this.codes ?? [];
    const inside = subtreeIds(codes, code.id);
    const paths = pathNames(codes);
    const choices = codes.filter((c) => !inside.has(c.id))
      .map((c) => ({ value: c.id, label: c.archived ? `${paths.get(c.id)!} (${t('codes.archived')})` : paths.get(c.id)! }))
      .sort((a, b) => a.label.localeCompare(b.label));
    if (choices.length === 0) {
      notify(t('codes.nothingToMergeInto'), 'info');
      return;
    }
    const targetId = await this.dialog().choose({
      title: t('codes.mergeTitle', { name: code.name }), message: t('codes.mergeChoose'), label: t('codes.mergeTarget'),
      choices, confirmLabel: t('codes.mergeNext'),
    });
    const target = this.code(targetId);
    if (!target) return;
    const ok = await confirmAction({
      title: t('codes.mergeConfirmTitle', { source: code.name, target: target.name }),
      message: t('codes.mergeConfirmMessage', {
        source: code.name, target: target.name,
        codings: t('codes.codingCount', { count: code.codingCount, formatted: formatNumber(code.codingCount) }),
      }),
      confirmLabel: t('codes.mergeConfirm'), danger: true,
    });
    if (!ok) return;
    this.busy = true;
    try {
      const result = await codesApi.merge(this.project.id, code.id, target.id);
      notify(t('codes.merged', {
        source: code.name, target: target.name,
        moved: t('codes.movedCount', { count: result.moved, formatted: formatNumber(result.moved) }),
        collapsed: t('codes.collapsedCount', { count: result.collapsed, formatted: formatNumber(result.collapsed) }),
      }), 'success');
      this.selectedId = target.id;
      this.expand(target.parentId);
      await this.load();
      await this.focusTreeRow(target.id);
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  private async delete(code: Code) {
    let impact: { codes: number; codings: number; segments: number };
    try {
      impact = await codesApi.deleteImpact(this.project.id, code.id);
    } catch (error) {
      notify((error as Error).message, 'error');
      return;
    }
    const ok = await confirmAction({
      title: t('codes.deleteTitle', { name: code.name }),
      message: t('codes.deleteImpact', {
        codes: t('codes.codeCount', { count: impact.codes, formatted: formatNumber(impact.codes) }),
        codings: t('codes.codingCount', { count: impact.codings, formatted: formatNumber(impact.codings) }),
        passages: t('codes.passageCount', { count: impact.segments, formatted: formatNumber(impact.segments) }),
      }),
      confirmLabel: t('common.delete'), danger: true,
    });
    if (!ok) return;
    this.busy = true;
    try {
      await codesApi.remove(this.project.id, code.id);
      notify(t('codes.deleted', { name: code.name }), 'success');
      if (this.selectedId && subtreeIds(this.codes ?? [], code.id).has(this.selectedId)) {
        this.selectedId = null;
        this.view = 'details';
      }
      await this.load();
      const next = code.parentId ?? this.querySelector<CodeTree>('code-tree')?.activeId;
      if (next) await this.focusTreeRow(next);
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  private onAction(event: CustomEvent<CodeActionDetail>) {
    const { action, id } = event.detail;
    const code = this.code(id);
    if (!code) return;
    switch (action) {
      case 'details':
        void this.select(id, true);
        break;
      case 'passages':
        void this.showPassages(id);
        break;
      case 'add-child':
        void this.startCreate(id);
        break;
      case 'move-up':
        void this.moveStep(id, -1);
        break;
      case 'move-down':
        void this.moveStep(id, 1);
        break;
      case 'move-to':
        void this.moveTo(code);
        break;
      case 'archive':
      case 'restore':
        void this.setArchived(code, action === 'archive');
        break;
      case 'merge':
        void this.merge(code);
        break;
      case 'delete':
        void this.delete(code);
        break;
    }
  }

  private onToggle(event: CustomEvent<{ id: string; expanded: boolean }>) {
    const next = new Set(this.collapsed);
    if (event.detail.expanded) next.delete(event.detail.id);
    else next.add(event.detail.id);
    this.collapsed = next;
  }

  // ——— CSV ———

  private async importCsv(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.importing = true;
    try {
      this.importReport = await codesApi.importCsv(this.project.id, file);
      const errors = this.importReport.rows.filter((r) => r.status === 'error').length;
      notify(this.importSummary(this.importReport), errors ? 'info' : 'success');
      await this.load();
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.importing = false;
    }
  }

  private importSummary(report: CodebookImportReport) {
    const errors = report.rows.filter((r) => r.status === 'error').length;
    return t('codes.import.summary', {
      created: t('codes.import.createdCount', { count: report.created, formatted: formatNumber(report.created) }),
      updated: t('codes.import.updatedCount', { count: report.updated, formatted: formatNumber(report.updated) }),
      errors: t('codes.import.errorCount', { count: errors, formatted: formatNumber(errors) }),
    });
  }

  private renderImportReport(report: CodebookImportReport) {
    return html`<section class="card stack import-report" aria-labelledby="import-report-title">
      <div class="row spread">
        <h2 id="import-report-title">${t('codes.import.title')}</h2>
        <button class="button button-small" type="button" @click=${() => (this.importReport = null)}>${t('common.close')}</button>
      </div>
      <p>${this.importSummary(report)}</p>
      ${report.rows.length
        ? html`<div class="table-wrap import-rows"><table class="data-table">
            <caption class="visually-hidden">${t('codes.import.caption')}</caption>
            <thead><tr><th scope="col" class="num">${t('codes.import.line')}</th><th scope="col">${t('codes.import.path')}</th><th scope="col">${t('codes.import.status')}</th></tr></thead>
            <tbody>${report.rows.map((r) => html`<tr class=${r.status === 'error' ? 'row-error' : ''}>
              <td class="num">${r.line}</td><td>${r.path || html`<span class="muted">—</span>`}</td>
              <td><span class="badge ${r.status === 'error' ? 'badge-danger' : r.status === 'unchanged' ? 'badge-quiet' : ''}">${t(`codes.import.statuses.${r.status}`)}</span>
                ${r.message ? html`<div class="small">${r.message}</div>` : nothing}</td>
            </tr>`)}</tbody>
          </table></div>`
        : nothing}
    </section>`;
  }

  // ——— Rendering ———

  private renderCreateForm() {
    const parent = this.code(this.creating?.parentId ?? null);
    return html`<form class="stack code-create" @submit=${this.create} @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') this.cancelCreate(); }}
        aria-labelledby="new-code-title">
      <h3 id="new-code-title">${parent ? t('codes.newChildTitle', { parent: parent.name }) : t('codes.newTitle')}</h3>
      <div class="row align-end">
        <label class="grow">${t('codes.fields.name')}<input id="new-code-name" name="name" required maxlength="200" autocomplete="off" /></label>
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${t('codes.create')}</button>
        <button class="button" type="button" @click=${this.cancelCreate}>${t('common.cancel')}</button>
      </div>
      ${this.createError ? html`<p class="form-error" role="alert">${this.createError}</p>` : nothing}
    </form>`;
  }

  private renderSide(codes: Code[]) {
    const selected = this.code(this.selectedId);
    if (!selected) {
      return html`<div class="card code-side-empty"><p class="muted">${codes.length ? t('codes.selectHint') : t('codes.emptySide')}</p></div>`;
    }
    if (this.view === 'passages') {
      return html`<retrieval-view .project=${this.project} .code=${selected} .codes=${codes} @close=${() => void this.select(selected.id, true)}></retrieval-view>`;
    }
    return html`<code-editor .project=${this.project} .user=${this.user} .code=${selected} .codes=${codes}
      @code-saved=${() => this.load()}></code-editor>`;
  }

  override render() {
    const codes = this.codes;
    if (codes === null) return html`<p class="loading" aria-busy="true">${t('common.loading')}</p>`;
    const archived = codes.filter((c) => c.archived).length;
    return html`
      <div class="toolbar">
        <label class="search-field"><span class="visually-hidden">${t('codes.filter')}</span>
          <input type="search" placeholder=${t('codes.filterPlaceholder')} .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} /></label>
        <label class="inline"><input type="checkbox" .checked=${this.showArchived} @change=${(e: Event) => (this.showArchived = (e.target as HTMLInputElement).checked)} />
          ${t('codes.showArchived', { count: archived })}</label>
        <span class="toolbar-spacer"></span>
        ${this.canEdit ? html`<history-controls .projectId=${this.project.id} @history-changed=${() => this.load()}></history-controls>` : nothing}
        <a class="button" href=${codesApi.exportUrl(this.project.id)} download="codebook.csv">${downloadIcon()} ${t('codes.exportCsv')}</a>
        ${this.canLead
          ? html`<label class="button file-button ${this.importing ? 'busy' : ''}">${uploadIcon()} ${this.importing ? t('common.working') : t('codes.importCsv')}
              <input class="visually-hidden" type="file" accept=".csv,text/csv" data-testid="codebook-import-input" ?disabled=${this.importing} @change=${this.importCsv} /></label>`
          : nothing}
      </div>
      ${this.importReport ? this.renderImportReport(this.importReport) : nothing}
      <div class="codebook">
        <section class="card codebook-tree" aria-labelledby="codebook-title">
          <div class="row spread codebook-head">
            <h2 id="codebook-title">${t('codes.title')}
              <span class="muted small">${t('codes.codeCount', { count: codes.length, formatted: formatNumber(codes.length) })}${archived ? html` (${t('codes.archivedCount', { count: archived })})` : nothing}</span></h2>
            ${this.canEdit && codes.length > 0 ? html`<button class="button button-primary button-small" type="button" @click=${() => this.startCreate(null)}>${plusIcon()} ${t('codes.new')}</button>` : nothing}
          </div>
          ${this.creating ? this.renderCreateForm() : nothing}
          ${codes.length === 0 && !this.creating
            ? html`<div class="empty-state"><h3>${t('codes.emptyTitle')}</h3><p>${t(this.canEdit ? 'codes.emptyText' : 'codes.emptyTextViewer')}</p>
                ${this.canEdit ? html`<button class="button button-primary" type="button" @click=${() => this.startCreate(null)}>${t('codes.new')}</button>` : nothing}</div>`
            : codes.length === 0
              ? nothing
              : html`<code-tree .codes=${codes} .selectedId=${this.selectedId} .collapsed=${this.collapsed} .filter=${this.filter}
                  .showArchived=${this.showArchived} .canEdit=${this.canEdit} .canLead=${this.canLead} .label=${t('codes.title')}
                  @code-select=${(e: CustomEvent<{ id: string; focusDetails: boolean }>) => this.select(e.detail.id, e.detail.focusDetails)}
                  @code-toggle=${this.onToggle} @code-move=${this.onMove} @code-action=${this.onAction}></code-tree>`}
          ${this.canLead ? html`<details class="csv-help"><summary>${t('codes.import.format')}</summary><p class="hint">${t('codes.import.hint')}</p></details>` : nothing}
        </section>
        <div class="codebook-side" @code-action=${this.onAction}>${this.renderSide(codes)}</div>
      </div>
      <code-choice-dialog></code-choice-dialog>`;
  }
}
customElements.define('codebook-tab', CodebookTab);
