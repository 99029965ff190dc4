import { html, nothing } from 'lit';
import { usersApi } from '../../api/auth';
import { ApiError } from '../../api/http';
import { projectsApi } from '../../api/projects';
import type { Member, Project, ProjectRoleName, User } from '../../api/types';
import { navigate } from '../../app/router';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatDate, t } from '../../i18n/i18n';
import { PROJECT_ROLES } from '../../../../server/shared/roles';

/** Strongest first: the order in selects and in the legend. */
const ROLES: ProjectRoleName[] = [...PROJECT_ROLES].reverse();
const roleName = (role: ProjectRoleName) => t(`roles.${role}`);
/** A role inside a sentence ("as coder"): the three interface languages write it in lower case. */
const roleInSentence = (role: ProjectRoleName) => roleName(role).toLocaleLowerCase();

/** A project's members and their roles; owners add members, change roles and remove members. */
export class MembersTab extends LightElement {
  static override properties = {
    project: { attribute: false }, user: { attribute: false },
    members: { state: true }, addError: { state: true }, busy: { state: true },
  };
  declare project: Project;
  declare user: User;
  declare members: Member[] | null;
  declare addError: string;
  declare busy: boolean;
  private loadedFor = '';

  constructor() {
    super();
    this.members = null;
    this.addError = '';
    this.busy = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('project') && this.project && this.project.id !== this.loadedFor) {
      this.loadedFor = this.project.id;
      this.members = null;
      void this.load();
    }
  }

  private async load() {
    try {
      this.members = (await projectsApi.members(this.project.id)).members;
    } catch (error) {
      notify((error as Error).message, 'error');
      this.members ??= [];
    }
  }

  /** Your role as the member list says (fresher than the project's after a change). */
  private get isOwner() {
    const me = this.members?.find((m) => m.userId === this.user.id);
    return (me?.role ?? this.project.role) === 'owner';
  }

  private async changeRole(member: Member, event: Event) {
    const select = event.target as HTMLSelectElement;
    const role = select.value as ProjectRoleName;
    if (role === member.role) return;
    const self = member.userId === this.user.id;
    if (self && role !== 'owner') {
      const ok = await confirmAction({
        title: t('members.demoteSelfTitle'),
        message: t('members.demoteSelfMessage', { role: roleInSentence(role) }),
        confirmLabel: t('members.changeRole'),
        danger: true,
      });
      if (!ok) {
        select.value = member.role;
        return;
      }
    }
    this.busy = true;
    try {
      await projectsApi.changeRole(this.project.id, member.userId, role);
      notify(t('members.roleChanged', { name: member.name, role: roleInSentence(role) }), 'success');
      if (self) this.emit('project-changed', { ...this.project, role });
    } catch (error) {
      select.value = member.role;
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
    await this.load();
  }

  private async removeMember(member: Member) {
    const self = member.userId === this.user.id;
    const ok = await confirmAction({
      title: self ? t('members.leaveTitle') : t('members.removeTitle', { name: member.name }),
      message: self ? t('members.leaveMessage', { project: this.project.name }) : t('members.removeMessage', { name: member.name, project: this.project.name }),
      confirmLabel: self ? t('members.leave') : t('members.remove'),
      danger: true,
    });
    if (!ok) return;
    this.busy = true;
    try {
      await projectsApi.removeMember(this.project.id, member.userId);
      if (self) {
        notify(t('members.left', { project: this.project.name }), 'success');
        navigate('/');
        return;
      }
      notify(t('members.removed', { name: member.name }), 'success');
      await this.load();
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const role = String(data.get('role') ?? 'coder') as ProjectRoleName;
    this.addError = '';
    if (!email) return;
    const existing = this.members?.find((m) => m.email.toLowerCase() === email.toLowerCase());
    if (existing) {
      this.addError = t('members.alreadyMember', { name: existing.name });
      return;
    }
    this.busy = true;
    try {
      let account: { id: string; name: string };
      try {
        account = await usersApi.lookup(email);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          this.addError = t('members.noAccount', { email });
          return;
        }
        throw error;
      }
      await projectsApi.addMember(this.project.id, account.id, role);
      notify(t('members.added', { name: account.name, role: roleInSentence(role) }), 'success');
      form.reset();
      await this.load();
    } catch (error) {
      this.addError = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private renderRow(m: Member, owner: boolean) {
    const self = m.userId === this.user.id;
    return html`<tr>
      <th scope="row">${m.name}${self ? html` <span class="badge badge-quiet">${t('members.you')}</span>` : nothing}</th>
      <td>${m.email}</td>
      <td>
        ${owner
          ? html`<select aria-label=${t('members.roleOf', { name: m.name })} ?disabled=${this.busy} @change=${(e: Event) => this.changeRole(m, e)}>
              ${ROLES.map((r) => html`<option value=${r} ?selected=${r === m.role}>${roleName(r)}</option>`)}
            </select>`
          : html`<span class="badge">${roleName(m.role)}</span>`}
      </td>
      <td>${formatDate(m.addedAt)}</td>
      ${owner
        ? html`<td>
            <button class="button button-quiet button-small" type="button" ?disabled=${this.busy}
              aria-label=${self ? t('members.leaveLabel') : t('members.removeLabel', { name: m.name })}
              @click=${() => this.removeMember(m)}>${self ? t('members.leave') : t('members.remove')}</button>
          </td>`
        : nothing}
    </tr>`;
  }

  private renderAddForm() {
    return html`<form class="card stack" @submit=${this.add} aria-labelledby="add-member-title">
      <h3 id="add-member-title">${t('members.addTitle')}</h3>
      <p class="hint" id="add-member-hint">${t('members.addHint')}</p>
      <div class="row align-end">
        <label class="grow">${t('members.email')}
          <input type="email" name="email" required maxlength="320" autocomplete="off" aria-describedby="add-member-hint" />
        </label>
        <label>${t('members.role')}
          <select name="role">${ROLES.map((r) => html`<option value=${r} ?selected=${r === 'coder'}>${roleName(r)}</option>`)}</select>
        </label>
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('common.working') : t('members.add')}</button>
      </div>
      ${this.addError ? html`<p class="form-error" role="alert">${this.addError}</p>` : nothing}
    </form>`;
  }

  private renderLegend() {
    return html`<section class="card" aria-labelledby="role-legend-title">
      <h3 id="role-legend-title">${t('members.legendTitle')}</h3>
      <dl class="role-legend">
        ${ROLES.map((r) => html`<dt>${roleName(r)}</dt><dd>${t(`members.legend.${r}`)}</dd>`)}
      </dl>
    </section>`;
  }

  override render() {
    const members = this.members;
    const owner = this.isOwner;
    return html`<section class="stack" aria-labelledby="members-title">
      <h2 id="members-title">${t('members.title')}</h2>
      ${owner ? nothing : html`<p class="hint">${t('members.readOnly')}</p>`}
      ${members === null
        ? html`<p class="loading" aria-busy="true">${t('common.loading')}</p>`
        : html`<div class="table-wrap">
            <table class="data-table">
              <caption class="visually-hidden">${t('members.caption', { count: members.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">${t('members.name')}</th>
                  <th scope="col">${t('members.email')}</th>
                  <th scope="col">${t('members.role')}</th>
                  <th scope="col">${t('members.addedAt')}</th>
                  ${owner ? html`<th scope="col">${t('common.actions')}</th>` : nothing}
                </tr>
              </thead>
              <tbody>${members.map((m) => this.renderRow(m, owner))}</tbody>
            </table>
          </div>`}
      ${owner && members !== null ? this.renderAddForm() : nothing}
      ${this.renderLegend()}
    </section>`;
  }
}
customElements.define('members-tab', MembersTab);
