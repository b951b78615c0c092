/**
 * Numbers, plurals, sizes and waits in the page's language, with the browser's own Intl (no
 * library: every browser that can make a WebRTC call has it). Catalogues call these, so a
 * count is never glued to a word by string concatenation.
 */

/** One text per CLDR plural category; `#` stands for the formatted number. `other` is always needed. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface Formatters {
  /** "1 person", "3 people", "1.000 pessoas": the form Intl.PluralRules picks, the number from Intl.NumberFormat. */
  plural(count: number, forms: PluralForms): string;
  /** "in 30 seconds", "em 1 minuto": a wait from now, in the unit a person would say. */
  inSeconds(seconds: number): string;
  /** "a and b", "a e b", "a y b": a list joined as the language does (Intl.ListFormat). */
  list(items: readonly string[]): string;
  /** "1.5 MB", "1,5 MB": bytes in the largest unit under 1000, as files and transfers are shown. */
  size(bytes: number): string;
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

export function formatters(locale: string): Formatters {
  const rules = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const conjunction = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    plural: (count, forms) => (forms[rules.select(count)] ?? forms.other).replace('#', number.format(count)),
    inSeconds: (seconds) =>
      seconds < 90 ? relative.format(Math.max(1, Math.round(seconds)), 'second') : relative.format(Math.round(seconds / 60), 'minute'),
    list: (items) => conjunction.format(items),
    size(bytes) {
      let value = Math.max(0, bytes);
      let unit = 0;
      // Rounded first: 999,999 bytes is "1 MB", not "1,000 kB".
      while (Math.round(value) >= 1000 && unit < SIZE_UNITS.length - 1) {
        value /= 1000;
        unit += 1;
      }
      const style = { style: 'unit', unit: SIZE_UNITS[unit], unitDisplay: unit === 0 ? 'long' : 'short' } as const;
      return new Intl.NumberFormat(locale, { ...style, maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value);
    },
  };
}
