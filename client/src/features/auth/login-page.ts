import { html, nothing } from 'lit';
import { authApi } from '../../api/auth';
import { ApiError } from '../../api/http';
import { LightElement } from '../../components/light-element';
import { t } from '../../i18n/i18n';

/** The back-off message in the user's language: seconds below two minutes, then minutes. */
function throttleMessage(seconds: number): string {
  return seconds < 120 ? t('loginThrottle.wait', { count: seconds }) : t('loginThrottle.waitMinutes', { count: Math.ceil(seconds / 60) });
}

/**
 * Log in with e-mail and password. After repeated failures the server answers 429 with a wait
 * (exponential back-off): the page counts it down and keeps the button disabled meanwhile.
 */
export class LoginPage extends LightElement {
  static override properties = { error: { state: true }, busy: { state: true }, retryAt: { state: true }, now: { state: true } };
  declare error: string;
  declare busy: boolean;
  /** When the server will accept the next attempt (ms since epoch; 0 = no wait). */
  declare retryAt: number;
  declare now: number;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
    this.retryAt = 0;
    this.now = Date.now();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  private startCountdown(seconds: number) {
    this.retryAt = Date.now() + seconds * 1000;
    this.now = Date.now();
    clearInterval(this.ticker);
    this.ticker = setInterval(() => {
      this.now = Date.now();
      if (this.now >= this.retryAt) clearInterval(this.ticker);
    }, 1000);
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    if (this.now < this.retryAt) return;
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    this.retryAt = 0;
    try {
      const session = await authApi.login(String(form.get('email')), String(form.get('password')));
      this.emit('signed-in', session.user);
    } catch (error) {
      const wait = (error as ApiError).details as { retryAfterSeconds?: number } | undefined;
      if (error instanceof ApiError && error.code === 'LOGIN_THROTTLED' && wait?.retryAfterSeconds) this.startCountdown(wait.retryAfterSeconds);
      else this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const waiting = this.retryAt > 0 && this.now < this.retryAt;
    const message = waiting ? throttleMessage(Math.ceil((this.retryAt - this.now) / 1000)) : this.retryAt > 0 ? t('loginThrottle.ready') : this.error;
    return html`<section class="auth-page">
      <form class="card auth-card" @submit=${this.submit}>
        <h1>${t('auth.loginTitle')}</h1>
        <p class="muted">${t('auth.loginIntro')}</p>
        <label>${t('auth.email')}<input name="email" type="email" autocomplete="username" required autofocus /></label>
        <label>${t('auth.password')}<input name="password" type="password" autocomplete="current-password" required /></label>
        ${message ? html`<p class=${waiting || !this.retryAt ? 'form-error' : 'muted'} role="alert" data-throttled=${waiting ? 'true' : nothing}>${message}</p>` : nothing}
        <button class="button button-primary" type="submit" ?disabled=${this.busy || waiting}>${this.busy ? t('common.working') : t('auth.login')}</button>
      </form>
    </section>`;
  }
}
customElements.define('login-page', LoginPage);
