import type { TInvariants } from './check-invariants';
import type { TFault } from './fault-injector';
import type { TPhaseMeasure } from './find-knee';

/** The run's figures as the issue's JSON keys (the last line of bench:scale). */
export type TScaleReport = {
  bench: 'scale';
  quick: boolean;
  web_instances: number;
  workers: number;
  printers: number;
  orders: number;
  printed_once: number;
  refunded: number;
  printed_twice: number;
  lost: number;
  ledger_balanced: boolean;
  reconciled: boolean;
  sse_gaps: number;
  missing_objects: number;
  faults_injected: number;
  jobs_per_min_1w: number;
  jobs_per_min_2w: number;
  jobs_per_min_3w: number;
  paid_to_accepted_p50_ms: number;
  paid_to_accepted_p95_ms: number;
  knee: string;
};

const round = (n: number) => Math.round(n * 10) / 10;

export function scaleReport(input: {
  isQuick: boolean;
  webInstances: number;
  workers: number;
  printers: number;
  invariants: TInvariants;
  faults: TFault[];
  phases: TPhaseMeasure[];
  paidToAccepted: { p50: number; p95: number };
  knee: string;
}): TScaleReport {
  const { invariants, phases } = input;
  const perMin = (workers: number) => round(phases.find((p) => p.workers === workers)?.jobsPerMin ?? NaN);
  return {
    bench: 'scale',
    quick: input.isQuick,
    web_instances: input.webInstances,
    workers: input.workers,
    printers: input.printers,
    orders: invariants.orders,
    printed_once: invariants.printedOnce,
    refunded: invariants.refunded,
    printed_twice: invariants.printedTwice,
    lost: invariants.lost,
    ledger_balanced: invariants.ledgerBalanced,
    reconciled: invariants.reconciled,
    sse_gaps: invariants.sseGaps,
    missing_objects: invariants.missingObjects,
    faults_injected: input.faults.filter((f) => f.isInjected).length,
    jobs_per_min_1w: perMin(1),
    jobs_per_min_2w: perMin(2),
    jobs_per_min_3w: perMin(3),
    paid_to_accepted_p50_ms: Math.round(input.paidToAccepted.p50),
    paid_to_accepted_p95_ms: Math.round(input.paidToAccepted.p95),
    knee: input.knee,
  };
}

/** The human summary printed before the JSON line. */
export function summaryLines(
  report: TScaleReport,
  extra: { invariants: TInvariants; faults: TFault[]; phases: TPhaseMeasure[]; retries: Map<string, number>; sseReconnects: number; failed: string[] },
): string[] {
  const lines = [
    `Scale run${report.quick ? ' (quick)' : ''}: ${report.web_instances} web instances behind the load balancer, up to ${report.workers} workers, ${report.printers} printers, ${report.orders} paid orders.`,
    ...extra.phases.map(
      (p) =>
        `  ${p.workers} worker${p.workers > 1 ? 's' : ' '}: ${p.jobs} jobs, ${round(p.jobsPerMin)} jobs/min, printers ${Math.round(p.printersBusy * 100)} % busy, CPU ${Math.round(p.cpuBusy * 100)} %`,
    ),
    `  knee: ${report.knee}`,
    `  paid → accepted under load: p50 ${report.paid_to_accepted_p50_ms} ms, p95 ${report.paid_to_accepted_p95_ms} ms`,
    `Faults (${report.faults_injected} of ${extra.faults.length} injected):`,
    ...extra.faults.map((f) => `  ${f.isInjected ? 'done' : 'FAILED'} ${f.name} (${((f.endedAt - f.startedAt) / 1000).toFixed(1)} s)${f.error ? `: ${f.error}` : ''}`),
    `Client retries through the faults: ${[...extra.retries].map(([step, n]) => `${step} ${n}`).join(', ') || 'none'}; SSE reconnects ${extra.sseReconnects}.`,
    `Printed once ${report.printed_once}, refunded ${report.refunded}, printed twice ${report.printed_twice}, lost ${report.lost} (from the printers' own job lists).`,
    `Ledger balanced: ${report.ledger_balanced}; reconciled with Stripe: ${report.reconciled}${extra.invariants.reconciliationIssues.length ? ` (${extra.invariants.reconciliationIssues.slice(0, 3).join('; ')})` : ''}.`,
    `SSE: ${report.sse_gaps} gaps over ${extra.invariants.sseEvents} events; stored files: ${report.missing_objects} missing of ${extra.invariants.objectsChecked}.`,
    extra.failed.length ? `FAILED: ${extra.failed.join('; ')}` : 'All invariants hold.',
  ];
  return lines;
}
