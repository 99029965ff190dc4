import type { Translator } from './translator';

/**
 * A translator that remembers what it has written: an export asks for the same few labels and
 * headings thousands of times (one per cell), and each i18next or Intl call costs tens of
 * microseconds. Make one per export (the cache lives as long as it), not one per server.
 */
export function memoTranslator(tr: Translator): Translator {
  if (MEMO.has(tr)) return tr;
  const texts = new Map<string, string>();
  const numbers = new Map<string, string>();
  const memo: Translator = {
    locale: tr.locale,
    t: (key, options) => {
      const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
      let text = texts.get(id);
      if (text === undefined) texts.set(id, (text = tr.t(key, options)));
      return text;
    },
    number: (value, digits) => {
      const id = `${value}/${digits}`;
      let text = numbers.get(id);
      if (text === undefined) numbers.set(id, (text = tr.number(value, digits)));
      return text;
    },
    date: tr.date,
  };
  MEMO.add(memo);
  return memo;
}

const MEMO = new WeakSet<Translator>();
