import { html, nothing } from 'lit';
import { authApi } from '../../api/auth';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';

/** Log in with e-mail and password. */
export class LoginPage extends LightElement {
  static override properties = { error: { state: true }, busy: { state: true } };
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const session = await authApi.login(String(form.get('email')), String(form.get('password')));
      this.emit('signed-in', session.user);
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<section class="auth-page">
      <form class="card auth-card" @submit=${this.submit}>
        <h1>${t('auth.loginTitle')}</h1>
        <p class="muted">${t('auth.loginIntro')}</p>
        <label>${t('auth.email')}<input name="email" type="email" autocomplete="username" required autofocus /></label>
        <label>${t('auth.password')}<input name="password" type="password" autocomplete="current-password" required /></label>
        ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('common.working') : t('auth.login')}</button>
      </form>
    </section>`;
  }
}
customElements.define('login-page', LoginPage);
