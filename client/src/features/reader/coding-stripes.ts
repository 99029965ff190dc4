import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Segment } from '../../api/types';
import { t } from '../../i18n/i18n';
import { offsetsToRanges, type TurnNode } from './text-offsets';

export interface StripeLane {
  codeId: string;
  name: string;
  color: string;
  bars: { top: number; height: number; segmentId: string; coder: string | null }[];
}

/**
 * Coding stripes: one lane per code, a bar beside every passage coded with it, measured from the
 * passage's rendered lines (relative to `container`). Lanes follow the codes' first appearance.
 */
export function measureStripes(container: HTMLElement, turns: TurnNode[], segments: Segment[], colors: Map<string, string>): StripeLane[] {
  const origin = container.getBoundingClientRect().top - container.scrollTop;
  const lanes = new Map<string, StripeLane>();
  const sorted = [...segments].filter((s) => s.status === 'anchored').sort((a, b) => a.start - b.start);
  for (const segment of sorted) {
    const rects = offsetsToRanges(turns, segment.start, segment.end).flatMap((r) => Array.from(r.getClientRects()));
    if (rects.length === 0) continue;
    const top = Math.min(...rects.map((r) => r.top)) - origin;
    const bottom = Math.max(...rects.map((r) => r.bottom)) - origin;
    for (const coding of segment.codes) {
      const lane = lanes.get(coding.codeId) ?? { codeId: coding.codeId, name: coding.name, color: colors.get(coding.codeId) ?? coding.color, bars: [] };
      lane.bars.push({ top, height: Math.max(4, bottom - top), segmentId: segment.id, coder: segment.coderName });
      lanes.set(coding.codeId, lane);
    }
  }
  return [...lanes.values()];
}

/** The stripes' markup (bars are buttons: a click opens the passage's details). */
export function renderStripes(lanes: StripeLane[], height: number, onPick: (segmentId: string, event: MouseEvent) => void) {
  return html`<div class="stripes" aria-label=${t('coding.stripes')} style=${styleMap({ height: `${height}px`, width: `${lanes.length * 12 + 4}px` })}>
    ${lanes.map((lane, i) => lane.bars.map((bar) => html`<button class="stripe" tabindex="-1" title="${lane.name}${bar.coder ? ` — ${bar.coder}` : ''}"
      aria-label="${lane.name}${bar.coder ? ` — ${bar.coder}` : ''}"
      style=${styleMap({ left: `${i * 12}px`, top: `${bar.top}px`, height: `${bar.height}px`, background: lane.color })}
      @click=${(e: MouseEvent) => onPick(bar.segmentId, e)}></button>`))}
  </div>`;
}
