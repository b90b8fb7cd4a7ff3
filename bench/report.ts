/** bench/results.json: the benchmark figures (docs/architecture.md#benchmarks) at the top level, scaling and details beside them. */
export interface Results {
  eventDelivery: { p50Ms: number; p99Ms: number };
  turnOverhead: { p50Ms: number; p99Ms: number };
  turnJobsPerSecond: number;
  idleSubscriptions: { count: number; kibPerSubscription: number };
  previewBundle: { p50Ms: number };
  /** Offline: the Build request → `preview_ready` at the client, every acceptance check run. */
  buildToVerifiedPreview: { p50Ms: number; p99Ms: number };
  /**
   * The published app's data API over loopback keep-alive HTTP: one record created; 1,000 records
   * listed in one request (?limit=1000, the API's largest page), and as two pages of 500 (the
   * compiled app's adapter's page size).
   */
  dataApi: {
    createP50Ms: number;
    createP99Ms: number;
    list1000P50Ms: number;
    list1000P99Ms: number;
    list1000TwoPagesP50Ms: number;
    list1000TwoPagesP99Ms: number;
  };
  /** Tokens over the same builds (≈ chars / 4); ratio = writeEveryFile / blueprintPath. */
  tokensPerBuild: {
    blueprintPath: number;
    writeEveryFile: number;
    ratio: number;
    /** Over the builds that called the model at all (the others cost no tokens now). */
    ratioWhenCustomised: number | null;
  };
  scaling: {
    deliveryP99Ms: Record<string, number>;
    deliverySharedJobP99Ms: Record<string, number>;
    turnsPerSecond: Record<string, number>;
  };
  details: Record<string, unknown>;
}

interface Row {
  metric: string;
  value: number;
  unit: string;
  target: string;
  met: boolean | null;
}

/** Prints the figures there are: a partial run (--only) merged into older results may lack some. */
export function printReport(results: Partial<Results>): void {
  const rows: Row[] = [
    ...(results.eventDelivery
      ? [
          row('event delivery p50', results.eventDelivery.p50Ms, 'ms', '≤', 5),
          row('event delivery p99', results.eventDelivery.p99Ms, 'ms', '≤', 20),
        ]
      : []),
    ...(results.turnOverhead
      ? [
          row('turn overhead p50', results.turnOverhead.p50Ms, 'ms', '≤', 30),
          row('turn overhead p99', results.turnOverhead.p99Ms, 'ms', '≤', 100),
        ]
      : []),
    ...(results.turnJobsPerSecond !== undefined
      ? [row('turn jobs / s (1 worker process)', results.turnJobsPerSecond, '/s', '≥', 200)]
      : []),
    ...(results.idleSubscriptions
      ? [
          row('idle subscriptions held', results.idleSubscriptions.count, '', '≥', 2_000),
          row('memory per subscription', results.idleSubscriptions.kibPerSubscription, 'KiB', '≤', 150),
        ]
      : []),
    ...(results.previewBundle
      ? [row('preview bundle p50', results.previewBundle.p50Ms, 'ms', '≤', 300)]
      : []),
    ...(results.buildToVerifiedPreview
      ? [
          row('build → verified preview p50', results.buildToVerifiedPreview.p50Ms, 'ms', '≤', 3_000),
          info('build → verified preview p99', results.buildToVerifiedPreview.p99Ms, 'ms'),
        ]
      : []),
    ...(results.dataApi
      ? [
          info('data API create p50', results.dataApi.createP50Ms, 'ms'),
          row('data API create p99', results.dataApi.createP99Ms, 'ms', '≤', 25),
          info('data API list of 1,000 rows p50', results.dataApi.list1000P50Ms, 'ms'),
          row('data API list of 1,000 rows p99', results.dataApi.list1000P99Ms, 'ms', '≤', 25),
          info('  …as 2 pages of 500 p50', results.dataApi.list1000TwoPagesP50Ms, 'ms'),
          row('  …as 2 pages of 500 p99', results.dataApi.list1000TwoPagesP99Ms, 'ms', '≤', 25),
        ]
      : []),
    ...(results.tokensPerBuild
      ? [
          info('tokens, blueprint path (all builds)', results.tokensPerBuild.blueprintPath, ''),
          info('tokens, writing every file (same builds)', results.tokensPerBuild.writeEveryFile, ''),
          info('tokens per build ratio (old / new)', results.tokensPerBuild.ratio, '×'),
          info('  …over builds that customised', results.tokensPerBuild.ratioWhenCustomised ?? 0, '×'),
        ]
      : []),
  ];
  const scaling: Row[] = results.scaling
    ? [
        ...Object.entries(results.scaling.deliveryP99Ms).map(([key, value]) =>
          info(`delivery p99, ${key.replace('subscribers', '')} subscribers (1 per job)`, value, 'ms'),
        ),
        ...Object.entries(results.scaling.deliverySharedJobP99Ms).map(([key, value]) =>
          info(`delivery p99, ${key.replace('subscribers', '')} subscribers on one job`, value, 'ms'),
        ),
        ...Object.entries(results.scaling.turnsPerSecond).map(([key, value]) =>
          info(`turn jobs / s, ${key.replace('workers', '')} worker process(es)`, value, '/s'),
        ),
      ]
    : [];
  const width = Math.max(...[...rows, ...scaling].map((entry) => entry.metric.length));
  const line = (entry: Row) => {
    const value = `${entry.value}${entry.unit ? ` ${entry.unit}` : ''}`.padStart(12);
    const verdict = entry.met === null ? '' : entry.met ? 'met' : 'MISSED';
    return `  ${entry.metric.padEnd(width)}  ${value}  ${entry.target.padEnd(10)}  ${verdict}`;
  };
  process.stdout.write(
    [
      '',
      `  ${'target'.padEnd(width)}  ${'measured'.padStart(12)}  ${'target'.padEnd(10)}`,
      ...rows.map(line),
      '',
      `  ${'scaling'.padEnd(width)}`,
      ...scaling.map(line),
      '',
    ].join('\n'),
  );
}

function row(metric: string, value: number, unit: string, comparison: '≤' | '≥', target: number): Row {
  return {
    metric,
    value,
    unit,
    target: `${comparison} ${target.toLocaleString('en-US')}`,
    met: comparison === '≤' ? value <= target : value >= target,
  };
}

function info(metric: string, value: number, unit: string): Row {
  return { metric, value, unit, target: '', met: null };
}
