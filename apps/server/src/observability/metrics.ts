import type { SystemStats } from '@app/db';

/** Bucket upper bounds (ms) for event delivery: commit in Postgres → written to the client's stream. */
const deliveryBucketsMs = [1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 5000];

/** In-process counters of this server, rendered in the Prometheus text format with the DB aggregates. */
export class ServerMetrics {
  private readonly deliveryBuckets = new Array<number>(deliveryBucketsMs.length).fill(0);
  private deliveryCount = 0;
  private deliverySumMs = 0;
  eventsDelivered = 0;

  /** A live (not replayed) event reached a subscriber `latencyMs` after it was committed. */
  observeDelivery(latencyMs: number): void {
    const value = Math.max(0, latencyMs);
    this.deliveryCount += 1;
    this.deliverySumMs += value;
    for (let index = 0; index < deliveryBucketsMs.length; index += 1) {
      if (value <= (deliveryBucketsMs[index] ?? Number.POSITIVE_INFINITY)) {
        this.deliveryBuckets[index] = (this.deliveryBuckets[index] ?? 0) + 1;
      }
    }
  }

  render(input: { stats: SystemStats; subscriptions: number; listenerUp: boolean }): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'counter' | 'gauge' | 'histogram', help: string) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

    metric('app_jobs', 'gauge', 'Jobs by status.');
    for (const [status, count] of Object.entries(input.stats.jobsByStatus)) {
      lines.push(`app_jobs{status="${status}"} ${count}`);
    }
    metric('app_questioning_turns_total', 'counter', 'Questioning turns queued.');
    lines.push(`app_questioning_turns_total ${input.stats.turns}`);
    metric('app_generations_total', 'counter', 'Generation runs started.');
    lines.push(`app_generations_total ${input.stats.generations}`);
    metric('app_job_failures', 'gauge', 'Jobs currently failed.');
    lines.push(`app_job_failures ${input.stats.jobsByStatus.failed ?? 0}`);
    metric('app_queue_depth', 'gauge', 'Worker tasks ready to run and not yet picked up.');
    lines.push(`app_queue_depth ${input.stats.queueDepth}`);
    metric('app_live_workers', 'gauge', 'Worker processes with a fresh heartbeat.');
    lines.push(`app_live_workers ${input.stats.liveWorkers}`);
    metric('app_subscriptions', 'gauge', 'Open jobs.events subscriptions on this server process.');
    lines.push(`app_subscriptions ${input.subscriptions}`);
    metric('app_listener_up', 'gauge', 'Whether this process holds its LISTEN connection.');
    lines.push(`app_listener_up ${input.listenerUp ? 1 : 0}`);
    metric('app_events_delivered_total', 'counter', 'Events written to subscribers by this process.');
    lines.push(`app_events_delivered_total ${this.eventsDelivered}`);
    metric('app_event_delivery_ms', 'histogram', 'Live event delivery latency: commit to stream write.');
    deliveryBucketsMs.forEach((bound, index) => {
      lines.push(`app_event_delivery_ms_bucket{le="${bound}"} ${this.deliveryBuckets[index] ?? 0}`);
    });
    lines.push(`app_event_delivery_ms_bucket{le="+Inf"} ${this.deliveryCount}`);
    lines.push(`app_event_delivery_ms_sum ${this.deliverySumMs}`);
    lines.push(`app_event_delivery_ms_count ${this.deliveryCount}`);
    return `${lines.join('\n')}\n`;
  }
}
