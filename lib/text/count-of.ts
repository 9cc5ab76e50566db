const rules = new Intl.PluralRules('en');

/**
 * "1 page", "2 pages", "1 printed side": a count with its noun in the right number, so no
 * page says "1 pages". `plural` for nouns that do not just add an s ("copy" → "copies").
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en')} ${rules.select(count) === 'one' ? singular : plural}`;
}
