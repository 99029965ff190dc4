import { html, nothing } from 'lit';
import { codesApi } from '../../api/codes';
import { documentsApi } from '../../api/documents';
import { onProjectChange } from '../../api/live';
import { projectsApi } from '../../api/projects';
import { memosApi } from '../../api/segments';
import type { Code, DocumentSummary, Member, Memo, MemoTarget, Project, User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import './memo-list';
import { emptyState } from '../../components/empty-state';

/** Every memo of the project, filtered by what it is about, a linked code or its author; project memos are written here. */
export class MemosTab extends LightElement {
  static override properties = {
    project: { attribute: false }, user: { attribute: false }, memos: { state: true }, codes: { state: true }, documents: { state: true },
    members: { state: true }, targetType: { state: true }, codeId: { state: true }, authorId: { state: true },
  };
  declare project: Project;
  declare user: User;
  declare memos: Memo[] | null;
  declare codes: Code[];
  declare documents: DocumentSummary[];
  declare members: Member[];
  declare targetType: MemoTarget | '';
  declare codeId: string;
  declare authorId: string;
  private stopLive?: () => void;

  constructor() {
    super();
    this.memos = null;
    this.codes = [];
    this.documents = [];
    this.members = [];
    this.targetType = '';
    this.codeId = '';
    this.authorId = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.stopLive = onProjectChange(this.project.id, (e) => {
      if (e.entityType === 'memo' || e.type.startsWith('action.')) void this.load();
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopLive?.();
  }

  private async load() {
    try {
      const [memos, codes, documents, members] = await Promise.all([
        memosApi.list(this.project.id, { targetType: this.targetType || undefined, codeId: this.codeId || undefined, authorId: this.authorId || undefined }),
        codesApi.list(this.project.id), documentsApi.list(this.project.id), projectsApi.members(this.project.id),
      ]);
      this.memos = memos.memos;
      this.codes = codes.codes;
      this.documents = documents.documents;
      this.members = members.members;
    } catch (error) {
      notify((error as Error).message, 'error');
      this.memos ??= [];
    }
  }

  private about(memo: Memo) {
    switch (memo.targetType) {
      case 'document': {
        const doc = this.documents.find((d) => d.id === memo.targetId);
        return html`${t('memos.onDocument')} <a href="/documents/${memo.targetId}">${doc?.name ?? '?'}</a>`;
      }
      case 'code':
        return html`${t('memos.onCode')} “${this.codes.find((c) => c.id === memo.targetId)?.name ?? '?'}”`;
      case 'segment':
        return t('memos.onSegment');
      default:
        return t('memos.onProject');
    }
  }

  private filter(key: 'targetType' | 'codeId' | 'authorId', event: Event) {
    (this as unknown as Record<string, string>)[key] = (event.target as HTMLSelectElement).value;
    void this.load();
  }

  override render() {
    if (!this.memos) return html`<p class="loading" aria-busy="true">${t('common.loading')}</p>`;
    return html`<p class="muted">${t('memos.intro')}</p>
      <div class="toolbar">
        <label>${t('memos.about')}<select @change=${(e: Event) => this.filter('targetType', e)}>
          <option value="">${t('memos.everything')}</option>
          ${(['project', 'document', 'code', 'segment'] as const).map((type) => html`<option value=${type}>${t(`memos.targets.${type}`)}</option>`)}
        </select></label>
        <label>${t('memos.linkedCode')}<select @change=${(e: Event) => this.filter('codeId', e)}>
          <option value="">${t('memos.anyCode')}</option>${this.codes.map((c) => html`<option value=${c.id}>${c.name}</option>`)}</select></label>
        <label>${t('memos.author')}<select @change=${(e: Event) => this.filter('authorId', e)}>
          <option value="">${t('memos.anyone')}</option>${this.members.map((m) => html`<option value=${m.userId}>${m.name}</option>`)}</select></label>
      </div>
      ${this.memos.length === 0 && !this.targetType && !this.codeId && !this.authorId
        ? emptyState({ title: t('help.empty.memosTitle'), text: t('help.empty.memosText'), helpScreen: 'memos', projectId: this.project.id })
        : nothing}
      <memo-list .memos=${this.memos} .codes=${this.codes} .projectId=${this.project.id} .userId=${this.user.id}
        .isLead=${roleAtLeast(this.project.role, 'lead')} .canWrite=${roleAtLeast(this.project.role, 'coder')}
        .target=${{ type: 'project', id: this.project.id }} .showTarget=${(m: Memo) => this.about(m)} @memos-changed=${() => this.load()}></memo-list>`;
  }
}
customElements.define('memos-tab', MemosTab);
