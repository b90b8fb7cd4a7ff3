import type { JobEvent } from '@app/core/schemas';
import { describe, expect, it } from 'vitest';
import { gateEvents, gateTarget, initialReplayGate, openGate, type ReplayGate } from './replay-gate.ts';

const at = '2025-01-01T00:00:00.000Z';
const step = (seq: number): JobEvent => ({ seq, at, type: 'step_started', data: { index: seq } });
const seqs = (events: JobEvent[]) => events.map((event) => event.seq);

/** Feeds the gate like the stream does: one event at a time, collecting every release. */
function feed(gate: ReplayGate, events: JobEvent[]) {
  const releases: number[][] = [];
  let current = gate;
  for (const event of events) {
    const result = gateEvents(current, [event]);
    current = result.gate;
    if (result.release.length > 0) releases.push(seqs(result.release));
  }
  return { gate: current, releases };
}

describe('replay gate', () => {
  it('holds the replay until it reaches the snapshot’s lastSeq, then releases it in one piece', () => {
    const known = gateTarget(initialReplayGate, 5);
    expect(known.release).toEqual([]);
    const { gate, releases } = feed(known.gate, [1, 2, 3, 4, 5].map(step));
    expect(releases).toEqual([[1, 2, 3, 4, 5]]);
    expect(gate.caughtUp).toBe(true);
    // Live events afterwards pass one by one.
    expect(feed(gate, [step(6), step(7)]).releases).toEqual([[6], [7]]);
  });

  it('releases at once when the snapshot arrives after the replay already got there', () => {
    const { gate, releases } = feed(initialReplayGate, [1, 2, 3].map(step));
    expect(releases).toEqual([]);
    const known = gateTarget(gate, 3);
    expect(seqs(known.release)).toEqual([1, 2, 3]);
    expect(known.gate.caughtUp).toBe(true);
  });

  it('keeps holding when the snapshot is ahead of what arrived, events past it included in the release', () => {
    const partly = feed(initialReplayGate, [1, 2].map(step));
    const known = gateTarget(partly.gate, 4);
    expect(known.release).toEqual([]);
    expect(known.gate.caughtUp).toBe(false);
    // The replay and a live event commit-ordered after the snapshot come in one batch.
    const rest = gateEvents(known.gate, [step(3), step(4), step(5)]);
    expect(seqs(rest.release)).toEqual([1, 2, 3, 4, 5]);
  });

  it('is caught up at once for an empty log (lastSeq 0)', () => {
    const known = gateTarget(initialReplayGate, 0);
    expect(known.gate.caughtUp).toBe(true);
    expect(feed(known.gate, [step(1)]).releases).toEqual([[1]]);
  });

  it('takes only the first snapshot: a later, higher lastSeq does not move the mark', () => {
    const first = gateTarget(initialReplayGate, 2);
    const later = gateTarget(first.gate, 9);
    expect(later.gate).toBe(first.gate);
    expect(feed(later.gate, [step(1), step(2)]).releases).toEqual([[1, 2]]);
  });

  it('stops holding when no snapshot will come', () => {
    const partly = feed(initialReplayGate, [1, 2].map(step));
    const opened = openGate(partly.gate);
    expect(seqs(opened.release)).toEqual([1, 2]);
    expect(feed(opened.gate, [step(3)]).releases).toEqual([[3]]);
    expect(openGate(opened.gate).release).toEqual([]);
  });

  it('passes a resent replay (after a stream reset) through once caught up; the reducer dedupes it', () => {
    const { gate } = feed(gateTarget(initialReplayGate, 2).gate, [1, 2].map(step));
    expect(seqs(gateEvents(gate, [step(1), step(2), step(3)]).release)).toEqual([1, 2, 3]);
  });
});
