/**
 * Typed attribute values: parsing what researchers type or paste (also from CSV) into the
 * canonical text stored in the database. Isomorphic: the client validates with the same rules.
 */
export type AttributeTypeName = 'text' | 'number' | 'date' | 'choice';

/** Why a value does not fit its attribute: the one reason each type has (translated by the caller). */
export type ValueProblem = 'tooLong' | 'notNumber' | 'notDate' | 'notChoice';
export type ParsedValue = { ok: true; value: string } | { ok: false; problem: ValueProblem };

/** The longest value of a text attribute, in characters. */
export const MAX_TEXT_VALUE_LENGTH = 2000;

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `2026-03-04`, `4/3/2026` and `04.03.2026` (day first, as in Belgium) → `2026-03-04`. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let m = ISO_DATE.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_FIRST.exec(s);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** `12`, `12.5`, `12,5` (decimal comma) → canonical number text. */
export function parseNumber(raw: string): string | null {
  const s = raw.trim().replace(/\s/g, '');
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return null;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? String(n) : null;
}

/**
 * Checks and normalises one value for an attribute of `type`.
 *
 * @example
 * parseAttributeValue('number', '3,5') // { ok: true, value: '3.5' }
 * parseAttributeValue('choice', 'police', ['Police', 'Justice']) // { ok: true, value: 'Police' }
 */
export function parseAttributeValue(type: AttributeTypeName, raw: string, choices: string[] = []): ParsedValue {
  const s = raw.trim();
  switch (type) {
    case 'text':
      return s.length <= MAX_TEXT_VALUE_LENGTH ? { ok: true, value: s } : { ok: false, problem: 'tooLong' };
    case 'number': {
      const n = parseNumber(s);
      return n === null ? { ok: false, problem: 'notNumber' } : { ok: true, value: n };
    }
    case 'date': {
      const d = parseDate(s);
      return d === null ? { ok: false, problem: 'notDate' } : { ok: true, value: d };
    }
    case 'choice': {
      const match = choices.find((c) => c.toLocaleLowerCase() === s.toLocaleLowerCase());
      return match === undefined ? { ok: false, problem: 'notChoice' } : { ok: true, value: match };
    }
  }
}

/** Guesses the type of a new attribute from sample values (CSV import). */
export function inferAttributeType(values: string[]): AttributeTypeName {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  if (filled.length === 0) return 'text';
  if (filled.every((v) => parseNumber(v) !== null)) return 'number';
  if (filled.every((v) => parseDate(v) !== null)) return 'date';
  return 'text';
}
