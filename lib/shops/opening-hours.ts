/** "09:30" → 570. Accepts 00:00–24:00. */
export function parseClock(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`Not a time of day: ${text}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59 || minutes > 1440) throw new Error(`Not a time of day: ${text}`);
  return minutes;
}

/** 570 → "09:30"; minutes past midnight of the next day wrap (1560 → "02:00"). */
export function formatClock(minutes: number): string {
  const m = minutes % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * An interval from two clock times. A close at or before the open means the shop stays open
 * past midnight, stored as minutes beyond 1440 of the opening day.
 */
export function intervalFromClocks(opens: string, closes: string): { opensMinute: number; closesMinute: number } {
  const opensMinute = parseClock(opens);
  let closesMinute = parseClock(closes);
  if (closesMinute <= opensMinute) closesMinute += 1440;
  return { opensMinute, closesMinute };
}
