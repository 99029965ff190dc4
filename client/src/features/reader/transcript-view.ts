import { html, nothing, type PropertyValues } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { codesApi } from '../../api/codes';
import { searchApi } from '../../api/search';
import { segmentsApi } from '../../api/segments';
import type { Code, DocumentDetail, ProjectRoleName, ReaderSegment } from '../../api/types';
import { pencilIcon } from '../../components/icons';
import { LightElement } from '../../components/light-element';
import { notify } from '../../components/toasts';
import { formatMediaTime, t } from '../../i18n/i18n';
import { roleAtLeast } from '../../../../server/shared/roles';
import { speakerColor } from '../documents/speaker-colors';
import './code-picker';
import { measureStripes, renderStripes, stripesWidth, type StripeBar } from './coding-stripes';
import { HighlightController } from './highlight-controller';
import './segment-popover';
import { offsetAtPoint, rangeToOffsets, turnNodes, type TurnNode } from './text-offsets';

interface Pending {
  start: number;
  end: number;
  exact: string;
  x: number;
  y: number;
}

/**
 * The transcript with its codings: turns by speaker, highlights per code, coding stripes, and
 * coding itself — select text (mouse or keyboard), press C or Enter (or the Code button) to open
 * the picker; click coded text for its details. Leads correct a turn's text in place.
 * Events: `coding-changed`, `document-corrected` (the correction report), `codes-used` (code ids).
 */
export class TranscriptView extends LightElement {
  static override properties = {
    doc: { attribute: false }, segments: { attribute: false }, codes: { attribute: false }, userId: { attribute: false },
    role: { attribute: false }, recent: { attribute: false }, suggested: { state: true },
    flash: { attribute: false, hasChanged: (a?: { start: number; end: number } | null, b?: { start: number; end: number } | null) => a?.start !== b?.start || a?.end !== b?.end },
    pending: { state: true }, picker: { state: true }, details: { state: true }, editingTurn: { state: true }, lanes: { state: true }, busy: { state: true },
  };
  declare doc: DocumentDetail;
  declare segments: ReaderSegment[];
  declare codes: Code[];
  declare userId: string;
  declare role: ProjectRoleName;
  declare flash: { start: number; end: number } | null;
  declare recent: string[];
  /** Codes suggested for the selected passage (learned from the project's codings). */
  declare suggested: string[];
  declare pending: Pending | null;
  declare picker: { at: { x: number; y: number }; segment?: ReaderSegment } | null;
  declare details: { at: { x: number; y: number }; segments: ReaderSegment[] } | null;
  declare editingTurn: number | null;
  declare lanes: StripeBar[];
  declare busy: boolean;
  private highlights = new HighlightController();
  private turns: TurnNode[] = [];
  private resize = new ResizeObserver(() => this.measure());

  constructor() {
    super();
    this.segments = [];
    this.codes = [];
    this.flash = null;
    this.recent = [];
    this.suggested = [];
    this.pending = null;
    this.picker = null;
    this.details = null;
    this.editingTurn = null;
    this.lanes = [];
    this.busy = false;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.highlights.dispose();
    this.resize.disconnect();
  }

  /** The passage selected in the transcript right now, if any. */
  selectedPassage(): { start: number; end: number; exact: string } | null {
    return this.pending ? { start: this.pending.start, end: this.pending.end, exact: this.pending.exact } : null;
  }

  private get canCode() {
    return roleAtLeast(this.role, 'coder');
  }

  private get article() {
    return this.querySelector<HTMLElement>('.reader-text')!;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('doc') || changed.has('editingTurn')) {
      this.turns = turnNodes(this.article);
      this.resize.disconnect();
      this.resize.observe(this.article);
    }
    if (changed.has('doc') || changed.has('segments') || changed.has('codes') || changed.has('flash') || changed.has('editingTurn')) {
      this.highlights.paint(this.turns, this.segments, new Map(this.codes.map((c) => [c.id, c.color])), this.flash);
      this.measure();
    }
    if (changed.has('flash') && this.flash) {
      const turn = this.turns.find((x) => x.end > this.flash!.start);
      turn?.element.closest<HTMLElement>('.turn')?.scrollIntoView({ block: 'center' });
    }
  }

  private measure() {
    const article = this.querySelector<HTMLElement>('.reader-text');
    if (!article) return;
    requestAnimationFrame(() => {
      this.lanes = measureStripes(article, this.turns, this.segments, new Map(this.codes.map((c) => [c.id, c.color])));
    });
  }

  /** Reads the browser's selection inside the transcript into a pending passage. */
  private readSelection() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !this.article.contains(selection.anchorNode)) {
      this.pending = null;
      return;
    }
    const range = selection.getRangeAt(0);
    const offsets = rangeToOffsets(range, this.turns);
    if (!offsets) {
      this.pending = null;
      return;
    }
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
    this.pending = { ...offsets, exact: this.doc.text.slice(offsets.start, offsets.end), x: last.right, y: last.bottom + 6 };
  }

  private onPointerUp(event: MouseEvent) {
    if ((event.target as HTMLElement).closest('button, textarea, .turn-editor')) return;
    this.readSelection();
    if (this.pending) return;
    const offset = offsetAtPoint(this.turns, event.clientX, event.clientY);
    if (offset === null) return;
    const here = this.segments.filter((s) => s.status === 'anchored' && s.start <= offset && offset < s.end);
    this.details = here.length ? { at: { x: event.clientX + 8, y: event.clientY + 12 }, segments: here } : null;
  }

  private onKeydown(event: KeyboardEvent) {
    if (event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement) return;
    if (event.key.startsWith('Shift') || event.key.startsWith('Arrow') || event.key === 'Home' || event.key === 'End') {
      // Keyboard selection (caret browsing, Shift+arrows) updates the pending passage.
      queueMicrotask(() => this.readSelection());
      return;
    }
    if (!this.pending || !this.canCode) return;
    if (event.key === 'c' || event.key === 'Enter') {
      event.preventDefault();
      this.openPicker();
    } else if (event.key.toLowerCase() === 'v' && event.altKey) {
      event.preventDefault();
      void this.inVivo();
    }
  }

  private openPicker(segment?: ReaderSegment) {
    const at = segment ? this.details?.at ?? { x: 200, y: 200 } : { x: this.pending!.x, y: this.pending!.y };
    this.details = null;
    this.picker = { at, segment };
    this.suggested = [];
    if (!segment && this.pending) {
      const text = this.pending.exact;
      void searchApi.suggestions(this.doc.projectId, text).then(
        (r) => { if (this.pending?.exact === text) this.suggested = r.suggestions.slice(0, 3).map((s) => s.codeId); },
        () => {},
      );
    }
  }

  private closePicker() {
    this.picker = null;
    this.article.focus({ preventScroll: true });
  }

  private async run(action: () => Promise<unknown>, success?: string) {
    this.busy = true;
    try {
      await action();
      if (success) notify(success, 'success');
      this.emit('coding-changed');
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  private async apply(codeIds: string[]) {
    const segment = this.picker?.segment;
    const pending = this.pending;
    this.closePicker();
    if (segment) {
      await this.run(() => segmentsApi.setCodes(segment.id, codeIds), t('coding.codesChanged'));
      return;
    }
    if (!pending) return;
    const names = codeIds.map((id) => this.codes.find((c) => c.id === id)?.name ?? '').join(', ');
    await this.run(async () => {
      await segmentsApi.code(this.doc.id, { start: pending.start, end: pending.end, exact: pending.exact, codeIds });
      window.getSelection()?.removeAllRanges();
      this.pending = null;
      this.emit('codes-used', codeIds);
    }, t('coding.applied', { codes: names }));
  }

  private async createAndApply(name: string) {
    try {
      const code = await codesApi.create(this.doc.projectId, { name });
      this.codes = [...this.codes, code];
      if (this.picker?.segment) await this.apply([...this.picker.segment.codes.map((c) => c.codeId), code.id]);
      else await this.apply([code.id]);
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  /** In-vivo coding: the selected words become a new code, applied to them. */
  private async inVivo() {
    if (!this.pending) return;
    const name = this.pending.exact.replace(/\s+/g, ' ').trim().slice(0, 120);
    if (!name) return;
    const existing = this.codes.find((c) => c.parentId === null && c.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (existing) await this.apply([existing.id]);
    else await this.createAndApply(name);
  }

  private async saveTurn(index: number, event: SubmitEvent) {
    event.preventDefault();
    const turn = this.doc.turns[index]!;
    const edited = String(new FormData(event.target as HTMLFormElement).get('text') ?? '').replace(/\r\n?/g, '\n');
    const next = this.doc.text.slice(0, turn.start) + edited + this.doc.text.slice(turn.end);
    if (next === this.doc.text) {
      this.editingTurn = null;
      return;
    }
    this.busy = true;
    try {
      const report = await segmentsApi.correct(this.doc.id, next, this.doc.revision.id);
      this.editingTurn = null;
      this.emit('document-corrected', report);
    } catch (error) {
      notify((error as Error).message, 'error');
    } finally {
      this.busy = false;
    }
  }

  private renderTurn(index: number) {
    const doc = this.doc;
    const turn = doc.turns[index]!;
    const speaker = turn.speakerId ? doc.speakers.find((s) => s.id === turn.speakerId) : undefined;
    const isLead = roleAtLeast(this.role, 'lead');
    const text = doc.text.slice(turn.start, turn.end);
    return html`<div class="turn ${speaker ? `role-${speaker.role}` : 'no-speaker'}" tabindex="-1" data-turn=${index}
        style=${styleMap({ '--speaker-color': speakerColor(doc.speakers, turn.speakerId) })}
        aria-label=${speaker ? t('reader.turnBy', { name: speaker.name }) : t('reader.paragraph')}>
      ${speaker
        ? html`<div class="turn-speaker"><span class="name">${speaker.name}</span>
            ${turn.mediaStartMs !== null ? html`<span class="time">${formatMediaTime(turn.mediaStartMs)}</span>` : nothing}</div>`
        : nothing}
      ${this.editingTurn === index
        ? html`<form class="turn-editor stack" @submit=${(e: SubmitEvent) => this.saveTurn(index, e)}>
            <label class="visually-hidden" for="turn-edit-${index}">${t('correction.label')}</label>
            <textarea id="turn-edit-${index}" name="text" rows=${Math.min(16, Math.ceil(text.length / 70) + 1)} .value=${text}
              @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.editingTurn = null)}></textarea>
            <p class="hint">${t('correction.hint')}</p>
            <div class="row"><button class="button button-primary button-small" type="submit" ?disabled=${this.busy}>${t('correction.save')}</button>
              <button class="button button-small" type="button" @click=${() => (this.editingTurn = null)}>${t('common.cancel')}</button></div>
          </form>`
        : html`<p class="turn-text" data-start=${turn.start}>${text}</p>`}
      ${isLead && this.editingTurn === null
        ? html`<button class="icon-button turn-edit" aria-label=${t('correction.editTurn')} title=${t('correction.editTurn')}
            @click=${() => { this.editingTurn = index; void this.updateComplete.then(() => this.querySelector<HTMLTextAreaElement>('.turn-editor textarea')?.focus()); }}>${pencilIcon()}</button>`
        : nothing}
    </div>`;
  }

  override render() {
    const doc = this.doc;
    const height = this.querySelector<HTMLElement>('.reader-text')?.scrollHeight ?? 0;
    return html`<article class="reader-text" tabindex="0" aria-label=${t('reader.transcript')} style=${styleMap({ paddingRight: `${Math.max(40, stripesWidth(this.lanes) + 28)}px` })}
        @mouseup=${this.onPointerUp} @keydown=${this.onKeydown} @keyup=${(e: KeyboardEvent) => e.shiftKey && this.readSelection()}>
      ${doc.turns.length === 0 ? html`<p class="muted">${t('reader.noText')}</p>` : doc.turns.map((_, i) => this.renderTurn(i))}
      ${renderStripes(this.lanes, height, (segmentId, event) => {
        const segment = this.segments.find((s) => s.id === segmentId);
        if (segment) this.details = { at: { x: event.clientX - 380, y: event.clientY }, segments: [segment] };
      })}
    </article>
    ${this.pending && this.canCode && !this.picker
      ? html`<button class="button button-primary button-small coding-button" style=${styleMap({ left: `${this.pending.x}px`, top: `${this.pending.y}px` })}
          @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.openPicker()}>${t('coding.codeButton')} <kbd>C</kbd></button>`
      : nothing}
    ${this.picker
      ? html`<code-picker .codes=${this.codes} .recent=${this.recent} .suggested=${this.suggested} .at=${this.picker.at} .editing=${!!this.picker.segment}
          .initial=${this.picker.segment?.codes.map((c) => c.codeId) ?? []} .canCreate=${this.canCode} .selectionText=${this.pending?.exact ?? ''}
          @pick=${(e: CustomEvent<{ codeIds: string[] }>) => this.apply(e.detail.codeIds)}
          @create-code=${(e: CustomEvent<{ name: string }>) => this.createAndApply(e.detail.name)}
          @in-vivo=${() => { this.picker = null; void this.inVivo(); }} @close=${() => this.closePicker()}></code-picker>`
      : nothing}
    ${this.details
      ? html`<segment-popover .segments=${this.details.segments} .at=${this.details.at} .userId=${this.userId} .isLead=${roleAtLeast(this.role, 'lead')}
          .canCode=${this.canCode} .projectId=${doc.projectId} @close=${() => (this.details = null)}
          @changed=${() => { this.details = null; this.emit('coding-changed'); }}
          @edit-codes=${(e: CustomEvent<{ segment: ReaderSegment }>) => this.openPicker(e.detail.segment)}></segment-popover>`
      : nothing}`;
  }
}
customElements.define('transcript-view', TranscriptView);
