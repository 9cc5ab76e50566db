const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The one way a date and time is written for people: "6 Dec 2026, 14:05", in the zone it is
 * about (the shop's, for anything that happens at the shop).
 */
export function formatDateTime(date: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-IE', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(date);
}
