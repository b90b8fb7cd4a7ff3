import type { JobEvent } from '@app/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useTRPC } from '../../lib/trpc.ts';
import { useBrowserOnline, useReportConnectionState } from '../connection/connection-provider.tsx';
import { connectionStateForSubscription } from '../connection/connection-state.ts';
import { emptyJobState, type JobSnapshot, type JobState, jobStateReducer } from './job-state.ts';
import { useJobSnapshot } from './use-builder-data.ts';

/** The first replay is folded once no event came for this long, or after the cap at most. */
const firstReplayIdleMs = 30;
const firstReplayMaxWaitMs = 300;

/** Events that change what `apps.get` lists (job status badges, the versions list). */
const appLevelEvents = new Set<JobEvent['type']>(['questioning_complete', 'version_created', 'done']);

/**
 * One job's live state: the `jobs.get` snapshot paints first, then the event log (replayed from the
 * start on every mount, resumed from the last seq by the link on reconnect) is folded in by the
 * one reducer. The stream's health goes to the top bar pill; a dropped stream is never an error here.
 */
export function useJobStream({ appId, jobId }: { appId: string; jobId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(jobStateReducer, emptyJobState);
  const snapshot = useJobSnapshot(jobId);

  useEffect(() => {
    if (snapshot.data) dispatch({ type: 'snapshot', job: snapshot.data });
  }, [snapshot.data]);

  // A replay can be hundreds of events: fold them once per frame, not one render per event. The
  // first replay replaces the snapshot, so it is folded in one go once its burst pauses (capped),
  // never half of it in one frame: the page goes from snapshot to log without a flicker.
  const pending = useRef<JobEvent[]>([]);
  const frame = useRef<number | null>(null);
  const firstReplay = useRef<{ idle: number | null; startedAt: number } | null>(null);
  const folded = useRef(false);
  const flush = useCallback(() => {
    frame.current = null;
    if (firstReplay.current?.idle != null) window.clearTimeout(firstReplay.current.idle);
    firstReplay.current = null;
    folded.current = true;
    const events = pending.current;
    pending.current = [];
    if (events.length === 0) return;
    dispatch({ type: 'events', events });
    if (events.some((event) => appLevelEvents.has(event.type))) {
      void queryClient.invalidateQueries({ queryKey: trpc.apps.get.queryKey({ appId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.apps.list.queryKey() });
    }
  }, [appId, queryClient, trpc]);
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      if (firstReplay.current?.idle != null) window.clearTimeout(firstReplay.current.idle);
    },
    [],
  );
  const schedule = useCallback(() => {
    if (folded.current) {
      frame.current ??= requestAnimationFrame(flush);
      return;
    }
    if (!firstReplay.current) firstReplay.current = { idle: null, startedAt: performance.now() };
    const replay = firstReplay.current;
    if (replay.idle !== null) window.clearTimeout(replay.idle);
    const waited = performance.now() - replay.startedAt;
    replay.idle = window.setTimeout(flush, waited >= firstReplayMaxWaitMs ? 0 : firstReplayIdleMs);
  }, [flush]);

  const subscription = useSubscription(
    trpc.jobs.events.subscriptionOptions(
      { jobId },
      {
        onData: (tracked) => {
          pending.current.push(tracked.data);
          schedule();
        },
      },
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
