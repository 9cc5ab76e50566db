/**
 * Where adding workers stops paying: the first worker count whose throughput is not at least
 * KNEE_GAIN times the one before, and what was saturated in the last phase that still gained
 * (or the best one): the printers (busy most of the time), the CPU (all cores busy), or else the
 * database and coordination between workers (neither printers nor CPU were full).
 */
export type TPhaseMeasure = { workers: number; jobs: number; jobsPerMin: number; printersBusy: number; cpuBusy: number };

const KNEE_GAIN = 1.15;
const PRINTERS_FULL = 0.8;
const CPU_FULL = 0.85;

export function limitOf(phase: TPhaseMeasure): 'printers' | 'cpu' | 'database' {
  if (phase.printersBusy >= PRINTERS_FULL) return 'printers';
  if (phase.cpuBusy >= CPU_FULL) return 'cpu';
  return 'database';
}

export function findKnee(phases: TPhaseMeasure[]): string {
  const pct = (share: number) => `${Math.round(share * 100)} %`;
  const knee = phases.findIndex((phase, i) => i > 0 && phase.jobsPerMin < phases[i - 1].jobsPerMin * KNEE_GAIN);
  const limiting = knee > 0 ? phases[knee - 1] : phases.at(-1)!;
  const where = knee > 0 ? `${limiting.workers} worker${limiting.workers > 1 ? 's' : ''}` : `beyond ${limiting.workers} workers`;
  return `${where}: ${limitOf(limiting)} (printers ${pct(limiting.printersBusy)} busy, CPU ${pct(limiting.cpuBusy)})`;
}
