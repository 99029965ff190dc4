import { html, nothing, type TemplateResult } from 'lit';
import type { Project } from '../../api/types';
import { LightElement } from '../../components/light-element';
import { formatNumber } from '../../i18n/i18n';

/** Where an upload-then-process job stands: choosing a file, sending it, the server working on it, done. */
export type UploadPhase = 'choose' | 'uploading' | 'processing' | 'done';

/** The file chooser's identity and the words a panel shows around it and its progress bar. */
export interface UploadControls {
  /** Id of the file input (its label points at it; tests find it by `<id>` as test id too). */
  inputId: string;
  testId: string;
  accept: string;
  choose: string;
  noFile: string;
  start: string;
  progress: string;
  processing: string;
}

/**
 * A file sent with a progress bar, then processed by the server into a new project (REFI-QDA
 * import, backup restore): one file chooser, one job at a time, the server's error sentence on
 * failure, `project-imported` with the new project on success. Subclasses render the report.
 */
export abstract class UploadJobPanel<R> extends LightElement {
  static override properties = { file: { state: true }, phase: { state: true }, progress: { state: true }, result: { state: true }, error: { state: true } };
  declare file: File | null;
  declare phase: UploadPhase;
  declare progress: number;
  declare result: R | null;
  declare error: { code: string; message: string } | null;

  constructor() {
    super();
    this.file = null;
    this.phase = 'choose';
    this.progress = 0;
    this.result = null;
    this.error = null;
  }

  /** Sends the chosen file, reporting upload progress as a fraction. */
  protected abstract send(file: File, onProgress: (fraction: number) => void): Promise<R>;
  /** The project the job created. */
  protected abstract projectOf(result: R): Project;

  protected async run() {
    if (!this.file) return;
    this.phase = 'uploading';
    this.progress = 0;
    this.error = null;
    this.result = null;
    try {
      const result = await this.send(this.file, (fraction) => {
        this.progress = fraction;
        if (fraction >= 1) this.phase = 'processing';
      });
      this.result = result;
      this.phase = 'done';
      this.file = null;
      this.emit('project-imported', this.projectOf(result));
    } catch (error) {
      const e = error as { code?: string; message: string };
      this.error = { code: e.code ?? '', message: e.message };
      this.phase = 'choose';
    }
  }

  protected get busy() {
    return this.phase === 'uploading' || this.phase === 'processing';
  }

  /** The file chooser, start button, progress bar and error line. */
  protected renderControls(words: UploadControls): TemplateResult {
    return html`<div class="row">
        <label class="button" for=${words.inputId}>${words.choose}</label>
        <input id=${words.inputId} type="file" accept=${words.accept} class="visually-hidden" data-testid=${words.testId} ?disabled=${this.busy}
          aria-label=${words.choose}
          @change=${(e: Event) => { const input = e.target as HTMLInputElement; this.file = input.files?.[0] ?? null; this.result = null; this.error = null; input.value = ''; }} />
        <span class="muted">${this.file ? `${this.file.name} — ${formatNumber(Math.ceil(this.file.size / 1024))} KB` : words.noFile}</span>
        <button class="button button-primary" ?disabled=${!this.file || this.busy} @click=${() => void this.run()}>${words.start}</button>
      </div>
      ${this.busy
        ? html`<div class="progress-wrap"><progress max="1" value=${this.phase === 'processing' ? nothing : this.progress} aria-label=${words.progress}></progress>
            <span class="muted">${this.phase === 'processing' ? words.processing : `${Math.round(this.progress * 100)} %`}</span></div>`
        : nothing}
      ${this.error ? html`<p class="form-error" role="alert">${this.error.message} <code class="muted">${this.error.code}</code></p>` : nothing}`;
  }
}
