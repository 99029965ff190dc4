import { PASSWORD_MIN_LENGTH } from '../../../../server/shared/password-policy';
import { html, nothing } from 'lit';
import { authApi } from '../../api/auth';
import type { ApiToken, User } from '../../api/types';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { currentLocale, formatDateTime, type Locale, LOCALE_NAMES, LOCALES, setLocale, t } from '../../i18n/i18n';

type Busy = '' | 'name' | 'locale' | 'password' | 'logout' | 'token';

/** Your account: name, interface language, password, sessions and personal API tokens. */
export class AccountPage extends LightElement {
  static override properties = {
    user: { attribute: false }, tokens: { state: true }, newToken: { state: true }, busy: { state: true },
    nameError: { state: true }, passwordError: { state: true }, passwordChanged: { state: true }, tokenError: { state: true },
  };
  declare user: User;
  declare tokens: ApiToken[] | null;
  declare newToken: { name: string; token: string } | null;
  declare busy: Busy;
  declare nameError: string;
  declare passwordError: string;
  declare passwordChanged: boolean;
  declare tokenError: string;

  constructor() {
    super();
    this.tokens = null;
    this.newToken = null;
    this.busy = '';
    this.nameError = '';
    this.passwordError = '';
    this.passwordChanged = false;
    this.tokenError = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.loadTokens();
  }

  private async loadTokens() {
    try {
      this.tokens = (await authApi.tokens()).tokens;
    } catch (error) {
      notify((error as Error).message, 'error');
      this.tokens ??= [];
    }
  }

  private async saveName(event: SubmitEvent) {
    event.preventDefault();
    const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '').trim();
    this.nameError = '';
    if (!name) {
      this.nameError = t('account.nameRequired');
      return;
    }
    this.busy = 'name';
    try {
      const session = await authApi.updateMe({ name });
      this.emit('user-changed', session.user);
      notify(t('account.nameSaved'), 'success');
    } catch (error) {
      this.nameError = (error as Error).message;
    } finally {
      this.busy = '';
    }
  }

  private async changeLocale(event: Event) {
    const locale = (event.target as HTMLSelectElement).value as Locale;
    await setLocale(locale);
    this.busy = 'locale';
    try {
      const session = await authApi.updateMe({ locale });
      this.emit('user-changed', session.user);
      notify(t('account.languageSaved', { language: LOCALE_NAMES[locale] }), 'success');
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = '';
    }
  }

  private async changePassword(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const current = String(data.get('current') ?? '');
    const next = String(data.get('next') ?? '');
    this.passwordError = '';
    this.passwordChanged = false;
    if (next.length < PASSWORD_MIN_LENGTH) this.passwordError = t('account.passwordTooShort', { count: PASSWORD_MIN_LENGTH });
    else if (next !== String(data.get('repeat') ?? '')) this.passwordError = t('account.passwordMismatch');
    else if (next === current) this.passwordError = t('account.passwordSame');
    if (this.passwordError) return;
    this.busy = 'password';
    try {
      await authApi.changePassword(current, next);
      form.reset();
      this.passwordChanged = true;
    } catch (error) {
      this.passwordError = (error as Error).message;
    } finally {
      this.busy = '';
    }
  }

  private async logoutEverywhere() {
    const ok = await confirmAction({
      title: t('account.logoutEverywhereTitle'),
      message: t('account.logoutEverywhereMessage'),
      confirmLabel: t('account.logoutEverywhere'),
      danger: true,
    });
    if (!ok) return;
    this.busy = 'logout';
    try {
      await authApi.logoutEverywhere();
      location.href = '/login';
    } catch (error) {
      notify((error as Error).message, 'error');
      this.busy = '';
    }
  }

  private async createToken(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    this.tokenError = '';
    if (!name) {
      this.tokenError = t('account.tokenNameRequired');
      return;
    }
    this.busy = 'token';
    try {
      const created = await authApi.createToken(name);
      this.newToken = { name: created.name, token: created.token };
      form.reset();
      await this.loadTokens();
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('#new-token-value')?.focus();
    } catch (error) {
      this.tokenError = (error as Error).message;
    } finally {
      this.busy = '';
    }
  }

  private async copyToken() {
    const token = this.newToken?.token;
    if (!token) return;
    try {
      await navigator.clipboard.writeText(token);
      notify(t('account.tokenCopied'), 'success');
    } catch {
      this.querySelector<HTMLInputElement>('#new-token-value')?.select();
      notify(t('account.tokenCopyFailed'), 'info');
    }
  }

  private async revokeToken(token: ApiToken) {
    const ok = await confirmAction({
      title: t('account.revokeTitle', { name: token.name }),
      message: t('account.revokeMessage', { name: token.name }),
      confirmLabel: t('account.revoke'),
      danger: true,
    });
    if (!ok) return;
    try {
      await authApi.revokeToken(token.id);
      notify(t('account.revoked', { name: token.name }), 'success');
      await this.loadTokens();
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  private renderNewToken(created: { name: string; token: string }) {
    return html`<div class="token-created stack" role="region" aria-labelledby="new-token-title">
      <h3 id="new-token-title">${t('account.tokenCreatedTitle', { name: created.name })}</h3>
      <p class="token-warning"><strong>${t('account.tokenOnce')}</strong></p>
      <div class="row align-end">
        <label class="grow">${t('account.tokenValue')}
          <input id="new-token-value" class="mono" readonly .value=${created.token} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
        </label>
        <button class="button" type="button" @click=${this.copyToken}>${t('account.copy')}</button>
      </div>
      <p>${t('account.curlIntro')}</p>
      <pre class="code-block"><code>curl -H "Authorization: Bearer ${created.token}" ${location.origin}/api/projects</code></pre>
      <div class="row"><button class="button" type="button" @click=${() => (this.newToken = null)}>${t('account.tokenDone')}</button></div>
    </div>`;
  }

  private renderTokens(tokens: ApiToken[]) {
    if (tokens.length === 0) return html`<p class="muted">${t('account.noTokens')}</p>`;
    return html`<div class="table-wrap">
      <table class="data-table">
        <caption class="visually-hidden">${t('account.tokensCaption')}</caption>
        <thead><tr>
          <th scope="col">${t('account.tokenName')}</th><th scope="col">${t('account.tokenCreated')}</th>
          <th scope="col">${t('account.tokenLastUsed')}</th><th scope="col">${t('account.tokenStatus')}</th>
          <th scope="col">${t('common.actions')}</th>
        </tr></thead>
        <tbody>
          ${tokens.map((tk) => html`<tr>
            <th scope="row">${tk.name}</th>
            <td>${formatDateTime(tk.createdAt)}</td>
            <td>${tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : html`<span class="muted">${t('account.neverUsed')}</span>`}</td>
            <td>${tk.revokedAt
              ? html`<span class="badge badge-quiet">${t('account.revokedOn', { date: formatDateTime(tk.revokedAt) })}</span>`
              : html`<span class="badge">${t('account.active')}</span>`}</td>
            <td>${tk.revokedAt ? nothing : html`<button class="button button-quiet button-small" type="button"
              aria-label=${t('account.revokeLabel', { name: tk.name })} @click=${() => this.revokeToken(tk)}>${t('account.revoke')}</button>`}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const u = this.user;
    const busy = this.busy;
    return html`<section class="page narrow stack" aria-labelledby="account-title">
      <div>
        <h1 id="account-title">${t('account.title')}</h1>
        <p class="muted">${t('account.signedInAs', { email: u.email })}</p>
      </div>

      <form class="card stack" @submit=${this.saveName} aria-labelledby="account-name-title">
        <h2 id="account-name-title">${t('account.nameTitle')}</h2>
        <label>${t('account.name')}<input name="name" required maxlength="200" autocomplete="name" .value=${u.name} /></label>
        ${this.nameError ? html`<p class="form-error" role="alert">${this.nameError}</p>` : nothing}
        <div class="row"><button class="button button-primary" type="submit" ?disabled=${busy === 'name'}>${busy === 'name' ? t('common.working') : t('common.save')}</button></div>
      </form>

      <section class="card stack" aria-labelledby="account-language-title">
        <h2 id="account-language-title">${t('account.languageTitle')}</h2>
        <label>${t('account.language')}
          <select ?disabled=${busy === 'locale'} aria-describedby="account-language-hint" @change=${this.changeLocale}>
            ${LOCALES.map((l) => html`<option value=${l} ?selected=${l === currentLocale()}>${LOCALE_NAMES[l]}</option>`)}
          </select>
        </label>
        <p class="hint" id="account-language-hint">${t('account.languageHint')}</p>
      </section>

      <form class="card stack" @submit=${this.changePassword} aria-labelledby="account-password-title">
        <h2 id="account-password-title">${t('account.passwordTitle')}</h2>
        <label>${t('account.currentPassword')}<input name="current" type="password" required autocomplete="current-password" /></label>
        <label>${t('account.newPassword')}
          <input name="next" type="password" required minlength=${PASSWORD_MIN_LENGTH} maxlength="256" autocomplete="new-password" aria-describedby="account-password-hint" />
        </label>
        <p class="hint" id="account-password-hint">${t('account.passwordHint', { count: PASSWORD_MIN_LENGTH })}</p>
        <label>${t('account.repeatPassword')}<input name="repeat" type="password" required maxlength="256" autocomplete="new-password" /></label>
        ${this.passwordError ? html`<p class="form-error" role="alert">${this.passwordError}</p>` : nothing}
        ${this.passwordChanged ? html`<p class="form-success" role="status">${t('account.passwordChanged')}</p>` : nothing}
        <div class="row"><button class="button button-primary" type="submit" ?disabled=${busy === 'password'}>${busy === 'password' ? t('common.working') : t('account.changePassword')}</button></div>
      </form>

      <section class="card stack" aria-labelledby="account-sessions-title">
        <h2 id="account-sessions-title">${t('account.sessionsTitle')}</h2>
        <p>${t('account.sessionsText')}</p>
        <div class="row"><button class="button button-danger" type="button" ?disabled=${busy === 'logout'} @click=${this.logoutEverywhere}>${t('account.logoutEverywhere')}</button></div>
      </section>

      <section class="card stack" aria-labelledby="account-tokens-title">
        <h2 id="account-tokens-title">${t('account.tokensTitle')}</h2>
        <p>${t('account.tokensText')}</p>
        ${this.newToken ? this.renderNewToken(this.newToken) : nothing}
        ${this.tokens === null ? html`<p class="loading" aria-busy="true">${t('common.loading')}</p>` : this.renderTokens(this.tokens)}
        <form class="stack" @submit=${this.createToken} aria-labelledby="account-new-token-title">
          <h3 id="account-new-token-title">${t('account.newTokenTitle')}</h3>
          <div class="row align-end">
            <label class="grow">${t('account.tokenName')}
              <input name="name" required maxlength="100" autocomplete="off" aria-describedby="account-token-name-hint" />
            </label>
            <button class="button button-primary" type="submit" ?disabled=${busy === 'token'}>${busy === 'token' ? t('common.working') : t('account.createToken')}</button>
          </div>
          <p class="hint" id="account-token-name-hint">${t('account.tokenNameHint')}</p>
          ${this.tokenError ? html`<p class="form-error" role="alert">${this.tokenError}</p>` : nothing}
        </form>
      </section>
    </section>`;
  }
}
customElements.define('account-page', AccountPage);
