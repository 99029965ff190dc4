import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { ReaderSegment } from '../../api/types';
import { t } from '../../i18n/i18n';
import { offsetsToRanges, type TurnNode } from './text-offsets';

export interface StripeBar {
  top: number;
  height: number;
  lane: number;
  segmentId: string;
  codeName: string;
  color: string;
  coder: string | null;
}

const LANE_WIDTH = 9;

/**
 * Coding stripes: a bar beside every passage for each of its codes, in the code's colour and
 * labelled with the code's name, measured from the passage's rendered lines (relative to
 * `container`). Bars are packed into as few lanes as overlapping passages need, so the margin
 * stays narrow however large the codebook.
 */
export function measureStripes(container: HTMLElement, turns: TurnNode[], segments: ReaderSegment[], colors: Map<string, string>): StripeBar[] {
  const origin = container.getBoundingClientRect().top - container.scrollTop;
  const bars: Omit<StripeBar, 'lane'>[] = [];
  for (const segment of segments) {
    if (segment.status !== 'anchored') continue;
    const rects = offsetsToRanges(turns, segment.start, segment.end).flatMap((r) => Array.from(r.getClientRects()));
    if (rects.length === 0) continue;
    const top = Math.min(...rects.map((r) => r.top)) - origin;
    const height = Math.max(4, Math.max(...rects.map((r) => r.bottom)) - origin - top);
    for (const coding of segment.codes) {
      bars.push({ top, height, segmentId: segment.id, codeName: coding.name, color: colors.get(coding.codeId) ?? coding.color, coder: segment.coderName });
    }
  }
  bars.sort((a, b) => a.top - b.top || b.height - a.height);
  const laneEnds: number[] = [];
  return bars.map((bar) => {
    let lane = laneEnds.findIndex((end) => end + 2 <= bar.top);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = bar.top + bar.height;
    return { ...bar, lane };
  });
}

/** How wide the margin must be for these bars, in pixels. */
export const stripesWidth = (bars: StripeBar[]) => (Math.max(0, ...bars.map((b) => b.lane + 1)) * LANE_WIDTH) + 8;

/** Up/Down move the keyboard focus between stripes (one tab stop for the whole margin). */
function onStripesKeydown(event: KeyboardEvent) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('.stripe')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
  if (!next) return;
  event.preventDefault();
  buttons.forEach((b) => (b.tabIndex = b === next ? 0 : -1));
  next.focus();
}

/**
 * The stripes' markup. Bars are buttons named after their code (shown on hover and focus, so
 * colour is never the only cue); the first is a tab stop, arrows move between them, and a click
 * or Enter opens the passage's details.
 */
export function renderStripes(bars: StripeBar[], height: number, onPick: (segmentId: string, event: MouseEvent) => void) {
  return html`<div class="stripes" role="group" aria-label=${t('coding.stripes')} @keydown=${onStripesKeydown}
      style=${styleMap({ height: `${height}px`, width: `${stripesWidth(bars)}px` })}>
    ${bars.map((bar, i) => {
      const label = `${bar.codeName}${bar.coder ? ` — ${bar.coder}` : ''}`;
      return html`<button class="stripe" type="button" tabindex=${i === 0 ? 0 : -1} aria-label=${label} data-label=${label}
        style=${styleMap({ left: `${bar.lane * LANE_WIDTH}px`, top: `${bar.top}px`, height: `${bar.height}px`, background: bar.color })}
        @click=${(e: MouseEvent) => {
          if (e.detail > 0) return onPick(bar.segmentId, e);
          // From the keyboard: place the details beside the stripe, not at the pointer.
          const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
          onPick(bar.segmentId, new MouseEvent('click', { clientX: box.left, clientY: box.top }));
        }}></button>`;
    })}
  </div>`;
}
