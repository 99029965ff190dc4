import { html, nothing } from 'lit';
import { type Consent, excludedFromExports } from '../../api/consent';
import { t } from '../../i18n/i18n';

const CLASS: Record<Consent['status'], string> = { given: 'badge', restricted: 'badge badge-warn', withdrawn: 'badge badge-danger', unknown: 'badge badge-quiet' };

/**
 * A participant's consent as a small badge (status in words, never colour alone) followed by its
 * restrictions; renders nothing when consent is unknown and unrestricted.
 */
export function consentBadge(c: Consent | undefined) {
  if (!c || (c.status === 'unknown' && !c.noQuotes && !c.noExport)) return nothing;
  const notes = [c.noQuotes ? t('consent.noQuotesShort') : '', excludedFromExports(c) ? t('consent.notExportedShort') : ''].filter(Boolean);
  return html`<span class="consent-badges"><span class=${CLASS[c.status]} data-consent=${c.status}>${t(`consent.status.${c.status}`)}</span>${notes.map((n) => html` <span class="badge badge-quiet">${n}</span>`)}</span>`;
}
