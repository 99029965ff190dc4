import { html, nothing } from 'lit';
import { confirmAction } from '../../components/confirm-dialog';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { t } from '../../i18n/i18n';
import { KINDS, type NameCandidate, type PseudonymEntry, type PseudonymKind, pseudonymsApi } from './pseudonyms-api';

/** The key list (names → pseudonyms) with add, inline edit and delete, and candidate names to add in one click. */
export class KeyListEditor extends LightElement {
  static override properties = {
    projectId: { attribute: false }, entries: { state: true }, candidates: { state: true }, editing: { state: true },
    error: { state: true }, busy: { state: true }, loadingCandidates: { state: true },
  };
  declare projectId: string;
  declare entries: PseudonymEntry[];
  declare candidates: NameCandidate[] | null;
  declare editing: string | null;
  declare error: string;
  declare busy: boolean;
  declare loadingCandidates: boolean;

  constructor() {
    super();
    this.entries = [];
    this.candidates = null;
    this.editing = null;
    this.error = '';
    this.busy = false;
    this.loadingCandidates = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.entries = (await pseudonymsApi.list(this.projectId)).entries;
      this.emit('key-list-changed', this.entries.length);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async loadCandidates() {
    this.loadingCandidates = true;
    try {
      this.candidates = (await pseudonymsApi.suggestions(this.projectId)).candidates;
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.loadingCandidates = false;
    }
  }

  private read(form: HTMLFormElement) {
    const data = new FormData(form);
    return {
      original: String(data.get('original') ?? '').trim(), pseudonym: String(data.get('pseudonym') ?? '').trim(),
      kind: String(data.get('kind') ?? 'person') as PseudonymKind, notes: String(data.get('notes') ?? '').trim(),
    };
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const input = this.read(form);
    if (!input.original || !input.pseudonym) {
      this.error = t('pseudonyms.bothRequired');
      return;
    }
    await this.run(async () => {
      await pseudonymsApi.create(this.projectId, input);
      form.reset();
      notify(t('pseudonyms.added', { pseudonym: input.pseudonym }), 'success');
      if (this.candidates) this.candidates = this.candidates.filter((c) => c.text.toLocaleLowerCase() !== input.original.toLocaleLowerCase());
    });
  }

  private async save(event: SubmitEvent, entry: PseudonymEntry) {
    event.preventDefault();
    await this.run(async () => {
      await pseudonymsApi.update(this.projectId, entry.id, this.read(event.target as HTMLFormElement));
      this.editing = null;
      notify(t('pseudonyms.saved'), 'success');
    });
  }

  private async removeEntry(entry: PseudonymEntry) {
    const ok = await confirmAction({ title: t('pseudonyms.deleteTitle'), message: t('pseudonyms.deleteMessage', { original: entry.original }), confirmLabel: t('pseudonyms.delete'), danger: true });
    if (ok) await this.run(() => pseudonymsApi.remove(this.projectId, entry.id));
  }

  /** Adds a candidate in one click, with the next free numbered pseudonym ("Person 3"), to edit later. */
  private async addCandidate(candidate: NameCandidate) {
    const taken = new Set(this.entries.map((e) => e.pseudonym.toLocaleLowerCase()));
    let n = this.entries.length + 1;
    while (taken.has(t('pseudonyms.autoPseudonym', { n }).toLocaleLowerCase())) n += 1;
    const pseudonym = t('pseudonyms.autoPseudonym', { n });
    await this.run(async () => {
      await pseudonymsApi.create(this.projectId, { original: candidate.text, pseudonym, kind: 'person' });
      this.candidates = (this.candidates ?? []).filter((c) => c !== candidate);
      notify(t('pseudonyms.addedCandidate', { original: candidate.text, pseudonym }), 'success');
    });
  }

  private async run(action: () => Promise<unknown>) {
    this.busy = true;
    this.error = '';
    try {
      await action();
      await this.load();
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private kindSelect(value: PseudonymKind) {
    return html`<label>${t('pseudonyms.kind')}<select name="kind">${KINDS.map((k) => html`<option value=${k} ?selected=${k === value}>${t(`pseudonyms.kinds.${k}`)}</option>`)}</select></label>`;
  }

  private row(e: PseudonymEntry) {
    if (this.editing === e.id) {
      return html`<tr><td colspan="5"><form class="row wrap" @submit=${(ev: SubmitEvent) => this.save(ev, e)} aria-label=${t('pseudonyms.editLabel', { original: e.original })}>
        <label>${t('pseudonyms.original')}<input name="original" required maxlength="200" .value=${e.original} /></label>
        <label>${t('pseudonyms.pseudonym')}<input name="pseudonym" required maxlength="200" .value=${e.pseudonym} /></label>
        ${this.kindSelect(e.kind)}
        <label>${t('pseudonyms.notes')}<input name="notes" maxlength="2000" .value=${e.notes} /></label>
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${t('common.save')}</button>
        <button class="button" type="button" @click=${() => { this.editing = null; }}>${t('common.cancel')}</button>
      </form></td></tr>`;
    }
    return html`<tr>
      <td>${e.original}</td><td>${e.pseudonym}</td><td>${t(`pseudonyms.kinds.${e.kind}`)}</td><td>${e.notes}</td>
      <td class="row">
        <button class="button button-small" type="button" aria-label=${t('pseudonyms.editLabel', { original: e.original })} @click=${() => { this.editing = e.id; }}>${t('pseudonyms.edit')}</button>
        <button class="button button-small button-danger" type="button" aria-label=${t('pseudonyms.deleteLabel', { original: e.original })} @click=${() => this.removeEntry(e)}>${t('pseudonyms.delete')}</button>
      </td></tr>`;
  }

  private candidatesView() {
    if (!this.candidates) {
      return html`<button class="button" type="button" ?disabled=${this.loadingCandidates} @click=${() => this.loadCandidates()}>
        ${this.loadingCandidates ? t('common.working') : t('pseudonyms.findCandidates')}</button>`;
    }
    if (this.candidates.length === 0) return html`<p class="hint">${t('pseudonyms.noCandidates')}</p>`;
    return html`<ul class="pseudonym-candidates stack" aria-label=${t('pseudonyms.candidatesTitle')}>
      ${this.candidates.map((c) => html`<li class="row wrap">
        <button class="button button-small" type="button" aria-label=${t('pseudonyms.useCandidateLabel', { name: c.text })} ?disabled=${this.busy} @click=${() => this.addCandidate(c)}>${t('pseudonyms.useCandidate')}</button>
        <strong>${c.text}</strong>
        <span class="hint">${t('pseudonyms.candidateCount', { count: c.count, documents: c.documents })}</span>
        <span class="hint">…${c.example.contextBefore.slice(-50)}<mark>${c.example.text}</mark>${c.example.contextAfter.slice(0, 50)}…</span>
      </li>`)}
    </ul>`;
  }

  override render() {
    return html`<section class="card stack" aria-labelledby="key-list-title">
      <h3 id="key-list-title">${t('pseudonyms.keyListTitle')}</h3>
      <p class="hint">${t('pseudonyms.keyListHint')}</p>
      ${this.entries.length === 0 ? html`<p>${t('pseudonyms.emptyKeyList')}</p>` : html`<table class="data-table">
        <thead><tr><th scope="col">${t('pseudonyms.original')}</th><th scope="col">${t('pseudonyms.pseudonym')}</th><th scope="col">${t('pseudonyms.kind')}</th>
          <th scope="col">${t('pseudonyms.notes')}</th><th scope="col"><span class="visually-hidden">${t('pseudonyms.actions')}</span></th></tr></thead>
        <tbody>${this.entries.map((e) => this.row(e))}</tbody></table>`}
      <form id="pseudonym-add-form" class="row wrap" @submit=${this.add} aria-label=${t('pseudonyms.addTitle')}>
        <label>${t('pseudonyms.original')}<input name="original" maxlength="200" autocomplete="off" /></label>
        <label>${t('pseudonyms.pseudonym')}<input name="pseudonym" maxlength="200" autocomplete="off" /></label>
        ${this.kindSelect('person')}
        <label>${t('pseudonyms.notes')}<input name="notes" maxlength="2000" autocomplete="off" /></label>
        <button class="button button-primary" type="submit" ?disabled=${this.busy}>${t('pseudonyms.add')}</button>
      </form>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <h4>${t('pseudonyms.candidatesTitle')}</h4>
      <p class="hint">${t('pseudonyms.candidatesHint')}</p>
      ${this.candidatesView()}
    </section>`;
  }
}
customElements.define('key-list-editor', KeyListEditor);
