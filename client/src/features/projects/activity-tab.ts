import { html, nothing } from 'lit';
import { projectsApi } from '../../api/projects';
import type { Project, ProjectEvent } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n';
import { PROJECT_ROLES } from '../../../../server/shared/roles';
import { onProjectChange } from '../../api/live';
import { describeAction } from '../reader/history-controls';
import { eventSentence } from './event-sentence';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value) || 0);
const list = (value: unknown): string => (Array.isArray(value) ? value.map(str).filter(Boolean).join(', ') : '');

const PAGE = 100;
const MAX = 500;
const SPEAKER_ROLES = ['interviewer', 'respondent', 'other'];

/** A project role inside a sentence, in lower case ("as coder"). */
function role(value: unknown): string {
  return (PROJECT_ROLES as readonly unknown[]).includes(value) ? t(`roles.${value as string}`).toLocaleLowerCase() : str(value);
}

/** The project's activity log, newest first: when, who, and what happened in a sentence. */
export class ActivityTab extends LightElement {
  static override properties = { project: { attribute: false }, events: { state: true }, limit: { state: true }, loading: { state: true } };
  declare project: Project;
  declare events: ProjectEvent[] | null;
  declare limit: number;
  declare loading: boolean;
  /** Account id → name, from the members and from the events' authors (for member events). */
  private names = new Map<string, string>();
  private loadedFor = '';
  private stopLive?: () => void;
  private reloadTimer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopLive?.();
    clearTimeout(this.reloadTimer);
  }

  constructor() {
    super();
    this.events = null;
    this.limit = PAGE;
    this.loading = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('project') && this.project && this.project.id !== this.loadedFor) {
      this.loadedFor = this.project.id;
      this.events = null;
      this.limit = PAGE;
      void this.load();
      this.stopLive?.();
      // New activity appears without reloading (bursts of changes are gathered into one refresh).
      this.stopLive = onProjectChange(this.project.id, () => {
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => void this.load(), 400);
      });
    }
  }

  private async load() {
    this.loading = true;
    try {
      const [events, members] = await Promise.all([
        projectsApi.events(this.project.id, this.limit),
        projectsApi.members(this.project.id).catch(() => ({ members: [] })),
      ]);
      const names = new Map<string, string>();
      for (const e of events.events) if (e.userId && e.userName) names.set(e.userId, e.userName);
      for (const m of members.members) names.set(m.userId, m.name);
      this.names = names;
      this.events = events.events;
    } catch (error) {
      notify((error as Error).message, 'error');
      this.events ??= [];
    } finally {
      this.loading = false;
    }
  }

  private showMore() {
    this.limit = Math.min(this.limit + PAGE, MAX);
    void this.load();
  }

  private who(e: ProjectEvent): string {
    if (e.userName) return e.userName;
    return e.userId ? t('activity.deletedAccount') : t('activity.system');
  }

  /** One readable sentence (or two) for an event; unknown types are named generically. */
  private describe(e: ProjectEvent): string {
    const before = obj(e.before);
    const after = obj(e.after);
    const renamed = str(before.name) !== '' && str(after.name) !== '' && str(before.name) !== str(after.name);
    const name = str(after.name) || str(before.name);
    // Member events carry the person's name since they were recorded; older ones fall back to today's members.
    const known = (e.entityType === 'member' ? name : '') || this.names.get(e.entityId ?? '');
    const person = () => known ?? t('activity.formerMember');
    switch (e.type) {
      case 'project.created':
        return t('activity.projectCreated', { name });
      case 'project.updated': {
        const parts: string[] = [];
        if (renamed) parts.push(t('activity.projectRenamed', { from: str(before.name), to: str(after.name) }));
        if (str(before.description) !== str(after.description)) parts.push(t('activity.projectDescriptionChanged'));
        return parts.join(' ') || t('activity.projectUpdated');
      }
      case 'member.added':
        return t('activity.memberAdded', { name: person(), role: role(after.role) });
      case 'member.role_changed':
        return t('activity.memberRoleChanged', { name: person(), from: role(before.role), to: role(after.role) });
      case 'member.removed':
        return known ? t('activity.memberRemoved', { name: known }) : t('activity.memberRemovedUnknown');
      case 'document.imported': {
        const words = num(after.words);
        return t('activity.documentImported', { name, count: words, words: formatNumber(words) });
      }
      case 'document.updated':
        return renamed
          ? t('activity.documentRenamed', { from: str(before.name), to: str(after.name) })
          : t('activity.documentUpdated', { name });
      case 'document.deleted':
        return t('activity.documentDeleted', { name });
      case 'speaker.updated': {
        const parts: string[] = [];
        if (renamed) parts.push(t('activity.speakerRenamed', { from: str(before.name), to: str(after.name) }));
        const newRole = str(after.role);
        if (newRole && newRole !== str(before.role) && SPEAKER_ROLES.includes(newRole)) {
          parts.push(t('activity.speakerRoleChanged', { name, role: t(`activity.speakerRoles.${newRole}`) }));
        }
        return parts.join(' ') || t('activity.speakerUpdated', { name });
      }
      case 'attribute.created':
        return t('activity.attributeCreated', { name });
      case 'attribute.updated':
        return renamed
          ? t('activity.attributeRenamed', { from: str(before.name), to: str(after.name) })
          : t('activity.attributeUpdated', { name });
      case 'attribute.deleted':
        return t('activity.attributeDeleted', { name });
      case 'attributes.imported': {
        const updated = num(after.updated);
        const parts = [t('activity.attributesImported', { count: updated, formatted: formatNumber(updated) })];
        const created = Array.isArray(after.createdAttributes) ? after.createdAttributes.map(str).filter(Boolean) : [];
        if (created.length > 0) parts.push(t('activity.attributesCreated', { count: created.length, names: created.join(', ') }));
        const errors = num(after.errors);
        if (errors > 0) parts.push(t('activity.attributesImportErrors', { count: errors, formatted: formatNumber(errors) }));
        return parts.join(' ');
      }
      case 'segment.coded':
        return t('activity.segmentCoded', { quote: str(after.quote), document: str(after.documentName), codes: list(after.codes) });
      case 'segment.recoded':
        return t('activity.segmentRecoded', { quote: str(after.quote), added: list(after.added) || '—', removed: list(after.removed) || '—' });
      case 'segment.uncoded':
        return t('activity.segmentUncoded', { quote: str(after.quote) });
      case 'segment.placed':
        return t('activity.segmentPlaced', { quote: str(after.quote) });
      case 'code.created':
        return t('activity.codeCreated', { name });
      case 'code.updated':
        return renamed ? t('activity.codeRenamed', { from: str(before.name), to: str(after.name) }) : t('activity.codeUpdated', { name });
      case 'code.archived':
        return t('activity.codeArchived', { name });
      case 'code.unarchived':
        return t('activity.codeUnarchived', { name });
      case 'code.moved':
        return t('activity.codeMoved', { name });
      case 'code.merged':
        return t('activity.codeMerged', { from: str(after.sourceName), to: str(after.name), count: num(after.moved) + num(after.collapsed) });
      case 'code.deleted':
        return t('activity.codeDeleted', { name: str(before.name), count: num(before.codings) });
      case 'codebook.imported':
        return t('activity.codebookImported', { created: num(after.created), updated: num(after.updated) });
      case 'memo.created':
      case 'memo.updated':
      case 'memo.deleted':
        return t(`activity.${e.type.replace('.', '_')}`, { title: str(after.title) || str(before.title) || t('activity.untitled') });
      case 'search.autocoded':
        return t('activity.searchAutocoded', { count: num(after.passages), name: str(after.name), query: str(after.query) });
      case 'document.corrected':
        return t('activity.documentCorrected', { name, revision: num(after.revision), count: num(after.anchored), orphaned: num(after.orphaned) });
      case 'action.undone':
      case 'action.redone':
        return t(e.type === 'action.undone' ? 'activity.undone' : 'activity.redone', {
          action: describeAction({ eventId: num(after.eventId), type: str(after.type), entityType: e.entityType, entityId: e.entityId, summary: after.summary, createdAt: e.createdAt }),
        });
      default:
        return eventSentence(e.type, after, before) ?? t('activity.other', { type: e.type });
    }
  }

  override render() {
    const events = this.events;
    return html`<section class="stack" aria-labelledby="activity-title">
      <div class="row spread">
        <h2 id="activity-title">${t('activity.title')}</h2>
        <button class="button button-small" type="button" ?disabled=${this.loading} @click=${() => this.load()}>${t('activity.refresh')}</button>
      </div>
      <p class="hint">${t('activity.intro')}</p>
      ${events === null
        ? html`<p class="loading" aria-busy="true">${t('common.loading')}</p>`
        : events.length === 0
          ? html`<div class="empty-state"><p>${t('activity.empty')}</p></div>`
          : html`<div class="table-wrap">
              <table class="data-table activity-table">
                <caption class="visually-hidden">${t('activity.caption', { count: events.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">${t('activity.when')}</th>
                    <th scope="col">${t('activity.who')}</th>
                    <th scope="col">${t('activity.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${events.map((e) => html`<tr>
                    <td class="nowrap"><time datetime=${e.createdAt}>${formatDateTime(e.createdAt)}</time></td>
                    <td>${this.who(e)}</td>
                    <td>${this.describe(e)}</td>
                  </tr>`)}
                </tbody>
              </table>
            </div>`}
      ${events && events.length >= this.limit && this.limit < MAX
        ? html`<div class="row"><button class="button" type="button" ?disabled=${this.loading} @click=${this.showMore}>
            ${this.loading ? t('common.loading') : t('activity.showMore')}</button></div>`
        : nothing}
      ${events && events.length >= MAX ? html`<p class="hint">${t('activity.limitReached', { count: MAX })}</p>` : nothing}
    </section>`;
  }
}
customElements.define('activity-tab', ActivityTab);
