/** The targets of issue 9, each a measured figure beside its baseline, the target and met/missed. */

export interface TargetResult {
  id: string;
  /** What is measured, in words. */
  measure: string;
  value: number | null;
  unit: string;
  /** `<` / `≤` / `≥` and the limit. */
  comparison: '<' | '<=' | '>=';
  target: number;
  met: boolean | null;
  baseline: { name: string; value: number | null; unit: string } | null;
  /** measured / baseline (null without a baseline). */
  ratio: number | null;
  note?: string;
}

/** One target: `met` is null when the figure could not be measured. */
export function target(input: Omit<TargetResult, 'met' | 'ratio'>): TargetResult {
  const { value, comparison, target: limit, baseline } = input;
  const met = value === null || !Number.isFinite(value) ? null
    : comparison === '<' ? value < limit : comparison === '<=' ? value <= limit : value >= limit;
  const ratio = value !== null && baseline?.value ? Math.round((value / baseline.value) * 100) / 100 : null;
  return { ...input, met, ratio };
}

const sign = { '<': '<', '<=': '≤', '>=': '≥' } as const;
const num = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : v >= 100 ? String(Math.round(v)) : String(Math.round(v * 100) / 100));

/** The Markdown table of targets; one column pair per dialect. */
export function targetsTable(byDialect: { dialect: string; targets: TargetResult[] }[]): string {
  const ids = byDialect[0]?.targets.map((t) => t.id) ?? [];
  const head = ['Target', ...byDialect.flatMap((d) => [`${d.dialect}: measured`, `${d.dialect}: baseline (ratio)`, `${d.dialect}`])];
  const rows = ids.map((id) => {
    const first = byDialect[0]!.targets.find((t) => t.id === id)!;
    const cells = byDialect.flatMap((d) => {
      const t = d.targets.find((x) => x.id === id);
      if (!t) return ['–', '–', '–'];
      const base = t.baseline ? `${t.baseline.name}: ${num(t.baseline.value)} ${t.baseline.unit}${t.ratio !== null ? ` (×${t.ratio})` : ''}` : '–';
      return [`${num(t.value)} ${t.unit}`, base, t.met === null ? 'not measured' : t.met ? '**met**' : '**missed**'];
    });
    return `| ${first.measure} (${sign[first.comparison]} ${first.target} ${first.unit}) | ${cells.join(' | ')} |`;
  });
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows].join('\n');
}
