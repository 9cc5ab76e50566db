/**
 * Everything a benchmark starts (printers, workers, servers, scratch databases) is stopped however
 * the run ends: finished, failed, Ctrl+C or `kill`. Each thing is registered as it starts; the last
 * registered is stopped first, and the process exits only once all are stopped.
 */
type TStop = () => Promise<unknown>;

const pending: TStop[] = [];
let stopping: Promise<void> | undefined;
let isHooked = false;

/**
 * Registers `stop` and returns it wrapped to run once: call it to stop the thing early (it is
 * then off the list); otherwise it runs at exit.
 */
export function atBenchExit(stop: TStop): TStop {
  hook();
  let result: Promise<unknown> | undefined;
  const once: TStop = () => {
    const index = pending.indexOf(once);
    if (index >= 0) pending.splice(index, 1);
    return (result ??= stop());
  };
  pending.unshift(once);
  return once;
}

/** Stops everything still registered, one at a time (a database is dropped after its worker stopped). */
export function stopEverything(): Promise<void> {
  return (stopping ??= (async () => {
    while (pending.length) await pending[0]().catch((error: unknown) => console.error(error));
  })());
}

/** Runs a benchmark's main: whatever happens, everything registered is stopped before the process exits. */
export function runBench(main: () => Promise<void>, describeFailure: (error: unknown) => string = (error) => String((error as Error)?.stack ?? error)): void {
  hook();
  main()
    .then(
      () => 0,
      (error: unknown) => {
        console.error(describeFailure(error));
        return 1;
      },
    )
    .then(async (code) => {
      await stopEverything();
      process.exit(code);
    });
}

function hook(): void {
  if (isHooked) return;
  isHooked = true;
  const onSignal = () => void stopEverything().then(() => process.exit(130));
  // `on`, not `once`: a handler that sees itself alone re-raises the signal (dev/printers), which
  // must not find this one already gone and kill the process before the cleanup ran.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
