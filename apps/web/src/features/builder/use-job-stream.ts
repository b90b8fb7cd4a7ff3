import type { JobEvent } from '@app/core/schemas';
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useTRPC } from '../../lib/trpc.ts';
import { useBrowserOnline, useReportConnectionState } from '../connection/connection-provider.tsx';
import { connectionStateForSubscription } from '../connection/connection-state.ts';
import { emptyJobState, type JobSnapshot, type JobState, jobStateReducer } from './job-state.ts';
import { type GateStep, gateEvents, gateTarget, initialReplayGate, openGate } from './replay-gate.ts';
import { useJobSnapshot } from './use-builder-data.ts';

/**
 * Events that change what `apps.get` lists (job status badges, the active job, the versions list).
 * The stream carries them to every open tab, so no mutation needs to refetch for them.
 */
const appLevelEvents = new Set<JobEvent['type']>([
  'questioning_complete',
  'version_created',
  'job_retried',
  'done',
]);

/**
 * One job's live state: the `jobs.get` snapshot paints first, then the event log (replayed from the
 * start on every mount, resumed from the last seq by the link on reconnect) is folded in by the
 * one reducer. The stream's health goes to the top bar pill; a dropped stream is never an error here.
 */
export function useJobStream({ appId, jobId }: { appId: string; jobId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(jobStateReducer, emptyJobState);
  const snapshot = useJobSnapshot(jobId, { streaming: true });

  useEffect(() => {
    if (snapshot.data) dispatch({ type: 'snapshot', job: snapshot.data });
  }, [snapshot.data]);

  // A replay can be hundreds of events: fold what the gate lets through once per frame, not one
  // render per event. The gate hands over the first replay in one piece once it has caught up with
  // the snapshot, so that frame goes straight from the snapshot to the log.
  const pending = useRef<JobEvent[]>([]);
  const frame = useRef<number | null>(null);
  const gate = useRef(initialReplayGate);
  const flush = useCallback(() => {
    frame.current = null;
    const events = pending.current;
    pending.current = [];
    if (events.length === 0) return;
    dispatch({ type: 'events', events });
    if (events.some((event) => appLevelEvents.has(event.type))) {
      void queryClient.invalidateQueries({ queryKey: trpc.apps.get.queryKey({ appId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.apps.list.queryKey() });
    }
  }, [appId, queryClient, trpc]);
  const pass = useCallback(
    (step: GateStep) => {
      gate.current = step.gate;
      if (step.release.length === 0) return;
      pending.current.push(...step.release);
      frame.current ??= requestAnimationFrame(flush);
    },
    [flush],
  );
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  // Only a snapshot read after this stream started says where its replay ends (a cached one may be
  // older than the log); without one, the log is all there is.
  const { data: snapshotData, isFetchedAfterMount, isError: snapshotFailed } = snapshot;
  useEffect(() => {
    if (isFetchedAfterMount && snapshotData) pass(gateTarget(gate.current, snapshotData.lastSeq));
    else if (snapshotFailed) pass(openGate(gate.current));
  }, [snapshotData, isFetchedAfterMount, snapshotFailed, pass]);

  const subscription = useSubscription(
    trpc.jobs.events.subscriptionOptions(
      { jobId },
      { onData: (tracked) => pass(gateEvents(gate.current, [tracked.data])) },
    ),
  );

  const online = useBrowserOnline();
  useReportConnectionState(connectionStateForSubscription(subscription.status, online));

  // A stream that gave up (server gone for a long while) tries again when the network returns and
  // every few seconds; the reducer drops whatever the fresh replay repeats.
  const { status, reset } = subscription;
  useEffect(() => {
    if (status !== 'error') return;
    const timer = window.setTimeout(reset, 3000);
    return () => window.clearTimeout(timer);
  }, [status, reset]);

  const applySnapshot = useCallback((job: JobSnapshot) => dispatch({ type: 'snapshot', job }), []);
  return { state: state satisfies JobState, loaded: state.status !== null, applySnapshot };
}
