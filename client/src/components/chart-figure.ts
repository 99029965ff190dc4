import { html } from 'lit';
import { t } from '../i18n/i18n';
import { LightElement } from './light-element';

/** Palettes readable with colour-blindness: Okabe–Ito for categories, cividis for quantities. */
export const CATEGORY_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
export const SEQUENTIAL_SCHEME = 'cividis';

function download(name: string, blob: Blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * A chart with its text alternative: the SVG (from Observable Plot) gets `role="img"` and an
 * `aria-label`, the caption describes it in words, and the chart downloads as SVG or PNG.
 */
export class ChartFigure extends LightElement {
  static override properties = { chart: { attribute: false }, label: { attribute: false }, description: { attribute: false }, fileName: { attribute: false } };
  declare chart: SVGSVGElement | HTMLElement | null;
  declare label: string;
  declare description: string;
  declare fileName: string;

  constructor() {
    super();
    this.chart = null;
    this.label = '';
    this.description = '';
    this.fileName = 'chart';
  }

  private svg(): SVGSVGElement | null {
    return this.chart instanceof SVGSVGElement ? this.chart : this.chart?.querySelector('svg') ?? null;
  }

  private svgText(): string {
    const svg = this.svg()!.cloneNode(true) as SVGSVGElement;
    svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    svg.setAttribute('font-family', 'system-ui, sans-serif');
    return new XMLSerializer().serializeToString(svg);
  }

  private downloadSvg() {
    download(`${this.fileName}.svg`, new Blob([this.svgText()], { type: 'image/svg+xml' }));
  }

  private async downloadPng() {
    const svg = this.svg()!;
    const { width, height } = svg.getBoundingClientRect();
    const image = new Image();
    image.src = URL.createObjectURL(new Blob([this.svgText()], { type: 'image/svg+xml' }));
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * 2);
    canvas.height = Math.ceil(height * 2);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(2, 2);
    context.drawImage(image, 0, 0, width, height);
    URL.revokeObjectURL(image.src);
    canvas.toBlob((blob) => blob && download(`${this.fileName}.png`, blob), 'image/png');
  }

  protected override updated() {
    const svg = this.svg();
    if (svg) {
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', this.label);
      // Inside role="img" the parts are presentational: Plot's labels on <g> are not allowed there.
      svg.querySelectorAll('[aria-label]').forEach((part) => part.removeAttribute('aria-label'));
    }
  }

  override render() {
    return html`<figure class="chart-figure">
      <div class="chart-body">${this.chart}</div>
      <figcaption><strong>${this.label}.</strong> ${this.description}
        <span class="row chart-actions">
          <button class="button button-small" @click=${this.downloadSvg}>${t('review.downloadSvg')}</button>
          <button class="button button-small" @click=${this.downloadPng}>${t('review.downloadPng')}</button>
        </span></figcaption>
    </figure>`;
  }
}
customElements.define('chart-figure', ChartFigure);
