import { html } from 'lit';

/** Small inline SVG icons (no icon font, no emoji: they render the same everywhere). */
const icon = (path: string) => html`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"
  fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d=${path} /></svg>`;

export const trashIcon = () => icon('M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3');
export const closeIcon = () => icon('M6 6l12 12M18 6L6 18');
export const uploadIcon = () => icon('M12 16V4M7 9l5-5 5 5M4 20h16');
export const pencilIcon = () => icon('M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4');
export const undoIcon = () => icon('M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3');
export const redoIcon = () => icon('M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3');
export const chevronRightIcon = () => icon('M9 6l6 6-6 6');
export const chevronDownIcon = () => icon('M6 9l6 6 6-6');
export const moreIcon = () => icon('M5 12h.01M12 12h.01M19 12h.01');
export const plusIcon = () => icon('M12 5v14M5 12h14');
export const downloadIcon = () => icon('M12 4v12M7 11l5 5 5-5M4 20h16');
export const gripIcon = () => icon('M9 6h.01M9 12h.01M9 18h.01M15 6h.01M15 12h.01M15 18h.01');
