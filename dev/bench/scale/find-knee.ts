/**
 * Where adding workers stops paying: the last worker count before the first one whose
 * throughput is not at least KNEE_GAIN times the one before, and why, read from that phase (the
 * one the extra worker did not speed up): the printers (busy most of the time), the CPU (all
 * cores busy), or neither, which points at the database and the coordination between workers
 * without proving it (this bench measures no query times).
 */
export type TPhaseMeasure = { workers: number; jobs: number; jobsPerMin: number; printersBusy: number; cpuBusy: number };

const KNEE_GAIN = 1.15;
const PRINTERS_FULL = 0.8;
const CPU_FULL = 0.85;

export function limitOf(phase: TPhaseMeasure): 'printers' | 'CPU' | 'neither printers nor CPU full (database or coordination?)' {
  if (phase.printersBusy >= PRINTERS_FULL) return 'printers';
  if (phase.cpuBusy >= CPU_FULL) return 'CPU';
  return 'neither printers nor CPU full (database or coordination?)';
}

export function findKnee(phases: TPhaseMeasure[]): string {
  const pct = (share: number) => `${Math.round(share * 100)} %`;
  const knee = phases.findIndex((phase, i) => i > 0 && phase.jobsPerMin < phases[i - 1].jobsPerMin * KNEE_GAIN);
  if (knee < 0) {
    const last = phases.at(-1)!;
    return `beyond ${last.workers} workers (still gaining; printers ${pct(last.printersBusy)} busy, CPU ${pct(last.cpuBusy)})`;
  }
  const before = phases[knee - 1];
  const stalled = phases[knee];
  return `${before.workers} worker${before.workers > 1 ? 's' : ''}: ${limitOf(stalled)} (with ${stalled.workers}: printers ${pct(stalled.printersBusy)} busy, CPU ${pct(stalled.cpuBusy)})`;
}
