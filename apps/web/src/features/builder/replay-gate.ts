import type { JobEvent } from '@app/core/schemas';

/**
 * Holds a page's first replay of the job's log until it has caught up with the snapshot it painted
 * (`jobs.get`'s `lastSeq`), then lets it through in one piece: the page goes from the snapshot to
 * the log in one step, never through a half-replayed conversation. Caught up is a fact, not a
 * guess from pauses in the stream: the replay starts at seq 1 and is gapless, so once it has
 * delivered `lastSeq` it holds everything the snapshot showed. After that, events pass as they come.
 */
export type ReplayGate =
  | { caughtUp: false; target: number | null; held: JobEvent[] }
  | { caughtUp: true; target: number | null };

export type GateStep = { gate: ReplayGate; release: JobEvent[] };

export const initialReplayGate: ReplayGate = { caughtUp: false, target: null, held: [] };

function settle(target: number | null, held: JobEvent[]): GateStep {
  const highest = held.reduce((max, event) => Math.max(max, event.seq), 0);
  return target !== null && highest >= target
    ? { gate: { caughtUp: true, target }, release: held }
    : { gate: { caughtUp: false, target, held }, release: [] };
}

/** Events from the stream: held until the replay reaches the snapshot, then passed straight on. */
export function gateEvents(gate: ReplayGate, events: readonly JobEvent[]): GateStep {
  if (gate.caughtUp) return { gate, release: [...events] };
  return settle(gate.target, [...gate.held, ...events]);
}

/**
 * The snapshot's `lastSeq`, from a `jobs.get` answered after this page started streaming (a cached
 * one may be older than the log and would open the gate mid-replay). Only the first one counts.
 */
export function gateTarget(gate: ReplayGate, lastSeq: number): GateStep {
  if (gate.caughtUp || gate.target !== null) return { gate, release: [] };
  return settle(lastSeq, gate.held);
}

/** No snapshot will come (`jobs.get` failed): stop holding, the log is all there is. */
export function openGate(gate: ReplayGate): GateStep {
  if (gate.caughtUp) return { gate, release: [] };
  return { gate: { caughtUp: true, target: gate.target }, release: gate.held };
}
