import { html, nothing } from 'lit';
import { authApi } from '../../api/auth';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';

/** First visit on a new server: create the owner (administrator) account. */
export class SetupPage extends LightElement {
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
    if (form.get('password') !== form.get('password2')) {
      this.error = t('auth.passwordsDiffer');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const session = await authApi.setup({ email: String(form.get('email')), name: String(form.get('name')), password: String(form.get('password')) });
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
        <h1>${t('auth.setupTitle')}</h1>
        <p class="muted">${t('auth.setupIntro')}</p>
        <label>${t('auth.name')}<input name="name" autocomplete="name" required autofocus /></label>
        <label>${t('auth.email')}<input name="email" type="email" autocomplete="username" required /></label>
        <label>${t('auth.password')}<input name="password" type="password" autocomplete="new-password" minlength="10" required aria-describedby="pw-hint" /></label>
        <label>${t('auth.passwordAgain')}<input name="password2" type="password" autocomplete="new-password" minlength="10" required /></label>
        <p id="pw-hint" class="hint">${t('auth.passwordHint')}</p>
        ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${t('auth.createOwner')}</button>
      </form>
    </section>`;
  }
}
customElements.define('setup-page', SetupPage);
