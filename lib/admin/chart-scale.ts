import { currencyExponent } from '@/lib/money/money';

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * The top of a chart's value axis: the data maximum (at least `minimum`) rounded up to 1, 2,
 * 2.5 or 5 × a power of ten, so gridlines fall on round numbers. An empty chart still gets an
 * axis (of `minimum`, or 1).
 */
export function niceCeiling(max: number, minimum = 0): number {
  const target = Number.isFinite(max) ? Math.max(max, minimum) : minimum;
  if (target <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(target));
  const step = NICE_STEPS.find((s) => s * power >= target - 1e-9) ?? 10;
  return step * power;
}

/**
 * Evenly spaced axis ticks from 0 to the ceiling (inclusive): 5 or 4 intervals, whichever
 * gives round steps. For whole quantities (orders, cents) steps are whole too, so an axis
 * never reads "1.3 orders"; a ceiling below 4 then gets one tick per unit.
 */
export function axisTicks(ceiling: number, options: { isWhole?: boolean } = {}): number[] {
  const isRound = (step: number) => {
    const power = 10 ** Math.floor(Math.log10(step));
    return NICE_STEPS.some((s) => Math.abs(s * power - step) < 1e-9 * power);
  };
  const count = [5, 4].find((n) => isRound(ceiling / n) && (!options.isWhole || Number.isInteger(ceiling / n))) ?? (options.isWhole && ceiling <= 4 ? ceiling : 4);
  return Array.from({ length: count + 1 }, (_, i) => (ceiling * i) / count);
}

/** Seconds as a person reads a duration: "45 s", "12 min", "3 h 20 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** Money on a chart axis: whole amounts without cents ("€250", "€1"), others with them ("€2.50"). */
export function formatAxisMoney(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const major = minor / 10 ** exponent;
  const digits = major >= 100 || Number.isInteger(major) ? 0 : exponent;
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major);
}
