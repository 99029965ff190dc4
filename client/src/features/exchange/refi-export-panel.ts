import { html, nothing } from 'lit';
import { ApiError } from '../../api/http';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { downloadFile, refiExportApi } from './refi-export-api';

type Kind = 'project' | 'codebook';

/**
 * REFI-QDA export (Import & export tab): the whole project as .qdpx and the codebook as .qdc, for
 * NVivo, ATLAS.ti, MAXQDA, QualCoder and other qualitative analysis software. Every member may export.
 */
export class RefiExportPanel extends LightElement {
  static override properties = {
    project: { attribute: false },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
  };
  declare project: Project;
  declare busy: Kind | null;
  declare error: string;
  declare done: string;

  constructor() {
    super();
    this.busy = null;
    this.error = '';
    this.done = '';
  }

  private async download(kind: Kind) {
    this.busy = kind;
    this.error = '';
    this.done = '';
    try {
      const url = kind === 'project' ? refiExportApi.projectUrl(this.project.id) : refiExportApi.codebookUrl(this.project.id);
      const result = await downloadFile(url, kind === 'project' ? 'project.qdpx' : 'codebook.qdc');
      this.done = [t('exchangeExport.downloaded', { file: result.fileName }),
        result.skippedSegments ? t('exchangeExport.skipped', { count: result.skippedSegments }) : ''].filter(Boolean).join(' ');
    } catch (e) {
      this.error = t('exchangeExport.failed', { reason: e instanceof ApiError ? e.message : t('exchangeExport.unknownError') });
    } finally {
      this.busy = null;
    }
  }

  private button(kind: Kind) {
    const busy = this.busy === kind;
    return html`<button type="button" class=${kind === 'project' ? 'button button-primary' : 'button'} data-testid=${`refi-export-${kind}`}
      ?disabled=${this.busy !== null} aria-busy=${busy ? 'true' : 'false'} @click=${() => this.download(kind)}>
      ${busy ? t('exchangeExport.preparing') : t(kind === 'project' ? 'exchangeExport.downloadProject' : 'exchangeExport.downloadCodebook')}
    </button>`;
  }

  override render() {
    if (!this.project) return html``;
    return html`<section class="card stack refi-export-panel" aria-labelledby="refi-export-title">
      <h2 id="refi-export-title">${t('exchangeExport.title')}</h2>
      <p>${t('exchangeExport.explain')}</p>
      <ul class="refi-export-contents">
        <li><strong>${t('exchangeExport.projectLabel')}</strong> — ${t('exchangeExport.projectHint')}</li>
        <li><strong>${t('exchangeExport.codebookLabel')}</strong> — ${t('exchangeExport.codebookHint')}</li>
      </ul>
      <p class="muted">${t('exchangeExport.notes')}</p>
      <div class="row">${this.button('project')} ${this.button('codebook')}</div>
      <p role="status" class="muted" data-testid="refi-export-status">${this.busy ? t('exchangeExport.busy') : this.done}</p>
      ${this.error ? html`<p class="form-error" role="alert" data-testid="refi-export-error">${this.error}</p>` : nothing}
    </section>`;
  }
}
customElements.define('refi-export-panel', RefiExportPanel);
