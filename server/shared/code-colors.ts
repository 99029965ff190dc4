/**
 * Default code colours: a palette that stays distinguishable for colour-blind readers
 * (Okabe–Ito, then Paul Tol's "muted" scheme). Isomorphic.
 */
export const CODE_PALETTE = [
  '#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7',
  '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499',
];

export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** The palette colour for the n-th code of a project. */
export const paletteColor = (n: number): string => CODE_PALETTE[((n % CODE_PALETTE.length) + CODE_PALETTE.length) % CODE_PALETTE.length]!;
