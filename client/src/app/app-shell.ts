import { html, nothing } from 'lit';
import { authApi } from '../api/auth';
import { ApiError, onUnauthenticated } from '../api/http';
import type { User } from '../api/types';
import '../components/confirm-dialog';
import { LightElement } from '../components/light-element';
import '../components/toasts';
import { notify } from '../components/toasts';
import '../features/account/account-page';
import '../features/admin/users-page';
import '../features/auth/login-page';
import '../features/auth/setup-page';
import '../features/documents/reader-page';
import '../features/help/guided-tour';
import '../features/help/help-menu';
import '../features/help/help-page';
import '../features/help/shortcut-sheet';
import '../features/projects/project-page';
import '../features/projects/projects-page';
import { currentLocale, LOCALE_NAMES, LOCALES, type Locale, setLocale, t } from '../i18n/i18n';
import { currentRoute, navigate, onRouteChange, type Route } from './router';

const PUBLIC_ROUTES = new Set(['login', 'setup']);

/** The application: checks set-up and session, shows the top bar and the page of the route. */
export class AppShell extends LightElement {
  static override properties = { user: { state: true }, route: { state: true }, ready: { state: true } };
  declare user: User | null;
  declare route: Route;
  declare ready: boolean;
  private cleanups: (() => void)[] = [];

  constructor() {
    super();
    this.user = null;
    this.route = currentRoute();
    this.ready = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.cleanups.push(onRouteChange((route) => (this.route = route)));
    this.cleanups.push(onUnauthenticated(() => {
      if (!this.user) return;
      this.user = null;
      notify(t('auth.sessionEnded'), 'info');
      this.goToLogin();
    }));
    void this.start();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.cleanups.forEach((c) => c());
  }

  private async start() {
    try {
      const { needsOwner } = await authApi.setupStatus();
      if (needsOwner) {
        navigate('/setup', { replace: true });
      } else {
        try {
          await this.signedIn((await authApi.me()).user, false);
        } catch (error) {
          if (!(error instanceof ApiError) || error.status !== 401) throw error;
          if (!PUBLIC_ROUTES.has(this.route.name)) this.goToLogin();
        }
      }
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.ready = true;
    }
  }

  private goToLogin() {
    const back = location.pathname + location.search;
    navigate(back && back !== '/' && !back.startsWith('/login') ? `/login?next=${encodeURIComponent(back)}` : '/login', { replace: true });
  }

  private async signedIn(user: User, redirect: boolean) {
    this.user = user;
    if (user.locale && (LOCALES as readonly string[]).includes(user.locale)) await setLocale(user.locale as Locale);
    // The server writes exports and reports in the account's language: tell it the one on screen.
    else void authApi.updateMe({ locale: currentLocale() }).then((s) => void (this.user = s.user), () => undefined);
    if (redirect || PUBLIC_ROUTES.has(this.route.name)) {
      const next = this.route.query.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    }
  }

  private async changeLocale(event: Event) {
    const locale = (event.target as HTMLSelectElement).value as Locale;
    await setLocale(locale);
    if (this.user) {
      try {
        this.user = (await authApi.updateMe({ locale })).user;
      } catch (error) {
        notify((error as Error).message, 'error');
      }
    }
  }

  private async logout() {
    try {
      await authApi.logout();
    } finally {
      this.user = null;
      navigate('/login', { replace: true });
    }
  }

  private renderPage() {
    const r = this.route;
    if (r.name === 'setup') return html`<setup-page @signed-in=${(e: CustomEvent<User>) => this.signedIn(e.detail, true)}></setup-page>`;
    if (r.name === 'login' || !this.user) return html`<login-page @signed-in=${(e: CustomEvent<User>) => this.signedIn(e.detail, true)}></login-page>`;
    switch (r.name) {
      case 'projects':
        return html`<projects-page .user=${this.user}></projects-page>`;
      case 'project':
        return html`<project-page .user=${this.user} .projectId=${r.params.projectId} .tab=${r.params.tab ?? 'documents'}></project-page>`;
      case 'document':
        return html`<reader-page .user=${this.user} .documentId=${r.params.documentId} .segmentId=${r.query.get('segment')}
          .hit=${r.query.has('start') ? { start: Number(r.query.get('start')), end: Number(r.query.get('end')) } : null}></reader-page>`;
      case 'users':
        return html`<users-page .user=${this.user}></users-page>`;
      case 'help':
        return html`<help-page .user=${this.user} .screen=${r.params.screen ?? ''} .projectId=${r.query.get('project')}></help-page>`;
      case 'account':
        return html`<account-page .user=${this.user} @user-changed=${(e: CustomEvent<User>) => (this.user = e.detail)}></account-page>`;
      default:
        return html`<section class="page narrow"><h1>${t('shell.notFound')}</h1><p><a href="/">${t('shell.backToProjects')}</a></p></section>`;
    }
  }

  override render() {
    return html`
      <a class="skip-link" href="#main">${t('shell.skipToContent')}</a>
      <header class="topbar">
        <a class="brand" href="/" aria-label=${t('shell.home')}>
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>SOCPREV <strong>Workbench</strong></span>
        </a>
        <nav class="topnav" aria-label=${t('shell.mainNavigation')}>
          ${this.user
            ? html`<a href="/" aria-current=${this.route.name === 'projects' ? 'page' : nothing}>${t('shell.projects')}</a>
                ${this.user.isAdmin ? html`<a href="/admin/users" aria-current=${this.route.name === 'users' ? 'page' : nothing}>${t('shell.users')}</a>` : nothing}`
            : nothing}
        </nav>
        <div class="topbar-end">
          <help-menu .user=${this.user} .route=${this.route}></help-menu>
          <label class="visually-hidden" for="locale-select">${t('shell.language')}</label>
          <select id="locale-select" class="locale-select" @change=${this.changeLocale}>
            ${LOCALES.map((l) => html`<option value=${l} ?selected=${l === currentLocale()}>${LOCALE_NAMES[l]}</option>`)}
          </select>
          ${this.user
            ? html`<a class="user-link" href="/account" title=${this.user.email}>${this.user.name}</a>
                <button class="button button-quiet" @click=${this.logout}>${t('shell.logout')}</button>`
            : nothing}
        </div>
      </header>
      <main id="main" tabindex="-1">${this.ready ? this.renderPage() : html`<p class="loading" aria-busy="true">${t('common.loading')}</p>`}</main>
      <guided-tour .user=${this.user} .route=${this.route}></guided-tour>
      <shortcut-sheet></shortcut-sheet>
      <app-toasts></app-toasts>
      <confirm-dialog></confirm-dialog>
    `;
  }
}
customElements.define('app-shell', AppShell);
