import { html } from 'lit';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import { backupApi, EXPORT_TABLES } from './backup-api';

/**
 * The project's backup and table exports (Import & export tab): leads download the whole
 * project as one file; everyone exports documents, codebook, codings and memos as CSV or Excel.
 */
export class BackupPanel extends LightElement {
  static override properties = { project: { attribute: false } };
  declare project: Project;

  override render() {
    if (!this.project) return html``;
    const lead = roleAtLeast(this.project.role, 'lead');
    return html`<section class="card stack backup-panel" aria-labelledby="backup-title">
      <h2 id="backup-title">${t('exchangeBackup.title')}</h2>
      <p>${t('exchangeBackup.explain')}</p>
      ${lead
        ? html`<p class="muted">${t('exchangeBackup.explainRestore')}</p>
          <div class="row"><a class="button button-primary" href=${backupApi.backupUrl(this.project.id)} download data-testid="download-backup">${t('exchangeBackup.download')}</a></div>`
        : html`<p class="muted">${t('exchangeBackup.leadsOnly')}</p>`}
      <h3>${t('exchangeBackup.tablesTitle')}</h3>
      <p class="muted">${t('exchangeBackup.tablesExplain')}</p>
      <table class="data-table export-tables">
        <tbody>
          ${EXPORT_TABLES.map((table) => html`<tr>
            <th scope="row">${t(`exchangeBackup.tables.${table}`)}<div class="muted">${t(`exchangeBackup.tableHints.${table}`)}</div></th>
            <td><div class="row">
              <a class="button button-small" href=${backupApi.exportUrl(this.project.id, table, 'csv')} download
                aria-label=${t('exchangeBackup.csvOf', { table: t(`exchangeBackup.tables.${table}`) })}>CSV</a>
              <a class="button button-small" href=${backupApi.exportUrl(this.project.id, table, 'xlsx')} download
                aria-label=${t('exchangeBackup.xlsxOf', { table: t(`exchangeBackup.tables.${table}`) })}>Excel (.xlsx)</a>
            </div></td>
          </tr>`)}
        </tbody>
      </table>
    </section>`;
  }
}
customElements.define('backup-panel', BackupPanel);
