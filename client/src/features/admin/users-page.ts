import { PASSWORD_MIN_LENGTH } from '../../../../server/shared/password-policy';
import { html, nothing } from 'lit';
import { usersApi } from '../../api/auth';
import type { User } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';


/** The server's accounts for administrators: the list, and a form to create an account. */
export class UsersPage extends LightElement {
  static override properties = { user: { attribute: false }, users: { state: true }, error: { state: true }, saving: { state: true } };
  declare user: User;
  declare users: User[] | null;
  declare error: string;
  declare saving: boolean;
  private loaded = false;

  constructor() {
    super();
    this.users = null;
    this.error = '';
    this.saving = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('user') && this.user?.isAdmin && !this.loaded) {
      this.loaded = true;
      void this.load();
    }
  }

  private async load() {
    try {
      this.users = (await usersApi.list()).users;
    } catch (error) {
      notify((error as Error).message, 'error');
      this.users ??= [];
    }
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    this.error = '';
    if (password.length < PASSWORD_MIN_LENGTH) {
      this.error = t('users.passwordTooShort', { count: PASSWORD_MIN_LENGTH });
      return;
    }
    this.saving = true;
    try {
      const created = await usersApi.create({ name, email, password, isAdmin: data.get('isAdmin') === 'on' });
      notify(t('users.created', { name: created.name, email: created.email }), 'success');
      form.reset();
      this.users = [...(this.users ?? []), created].sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.saving = false;
    }
  }

  private renderTable(users: User[]) {
    if (users.length === 0) return html`<p class="muted">${t('users.empty')}</p>`;
    return html`<div class="table-wrap">
      <table class="data-table">
        <caption class="visually-hidden">${t('users.caption', { count: users.length })}</caption>
        <thead>
          <tr>
            <th scope="col">${t('users.name')}</th>
            <th scope="col">${t('users.email')}</th>
            <th scope="col">${t('users.administrator')}</th>
          </tr>
        </thead>
        <tbody>
          ${users.map((u) => html`<tr>
            <th scope="row">${u.name}${u.id === this.user.id ? html` <span class="badge badge-quiet">${t('users.you')}</span>` : nothing}</th>
            <td>${u.email}</td>
            <td>${u.isAdmin ? html`<span class="badge">${t('users.yes')}</span>` : html`<span class="muted">${t('users.no')}</span>`}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  private renderForm() {
    return html`<form class="card stack" @submit=${this.create} aria-labelledby="new-account-title">
      <h2 id="new-account-title">${t('users.newTitle')}</h2>
      <p class="hint">${t('users.newHint')}</p>
      <label>${t('users.name')}<input name="name" required maxlength="200" autocomplete="off" /></label>
      <label>${t('users.email')}<input name="email" type="email" required maxlength="320" autocomplete="off" /></label>
      <label>${t('users.password')}
        <input name="password" type="password" required minlength=${PASSWORD_MIN_LENGTH} maxlength="256" autocomplete="new-password" aria-describedby="new-account-password-hint" />
      </label>
      <p class="hint" id="new-account-password-hint">${t('users.passwordHint', { count: PASSWORD_MIN_LENGTH })}</p>
      <label class="inline"><input type="checkbox" name="isAdmin" aria-describedby="new-account-admin-hint" />${t('users.makeAdmin')}</label>
      <p class="hint" id="new-account-admin-hint">${t('users.adminHint')}</p>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button class="button button-primary" type="submit" ?disabled=${this.saving}>${this.saving ? t('common.working') : t('users.create')}</button>
      </div>
    </form>`;
  }

  override render() {
    if (!this.user?.isAdmin) {
      return html`<section class="page narrow"><h1>${t('users.title')}</h1><p>${t('users.adminsOnly')}</p></section>`;
    }
    const users = this.users;
    return html`<section class="page narrow stack" aria-labelledby="users-title">
      <div>
        <h1 id="users-title">${t('users.title')}</h1>
        <p class="muted">${t('users.intro')}</p>
      </div>
      ${users === null ? html`<p class="loading" aria-busy="true">${t('common.loading')}</p>` : this.renderTable(users)}
      ${this.renderForm()}
    </section>`;
  }
}
customElements.define('users-page', UsersPage);
