import os from 'node:os';

/** The machine's CPU time so far, busy and total over all cores (ms), from os.cpus(). */
function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** Starts measuring; the returned function gives the share of all cores busy since then (0–1). */
export function measureCpu(): () => number {
  const start = cpuTimes();
  return () => {
    const now = cpuTimes();
    return now.total > start.total ? (now.busy - start.busy) / (now.total - start.total) : NaN;
  };
}
