import { isQuestioningStatus } from '@app/core/schemas';
import { clsx } from 'clsx';
import { CheckCircle2, ChevronRight, CircleSlash, History, RotateCcw, XCircle } from 'lucide-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { formatAbsoluteTime } from '../../lib/format-relative-time.ts';
import { GenerationProgress } from './generation-progress.tsx';
import { type JobState, openQuestion } from './job-state.ts';
import {
  type AnswerSubmission,
  ClosedQuestionCard,
  OpenQuestionCard,
  ThinkingCard,
} from './question-card.tsx';
import { type AppJobSummary, type AppVersionSummary, useJobSnapshot } from './use-builder-data.ts';

export function RequestBubble({
  text,
  label,
  muted = false,
}: {
  text: string;
  label: string;
  muted?: boolean;
}) {
  return (
    <div className="flex flex-col items-end">
      <span className="mb-1 px-1 text-[11px] font-medium text-subtle">{label}</span>
      <p
        data-testid="request-bubble"
        className={clsx(
          'max-w-[88%] rounded-2xl rounded-br-md px-3.5 py-2.5 text-[14px] leading-relaxed whitespace-pre-wrap',
          muted ? 'bg-surface-sunken text-muted' : 'bg-accent text-white shadow-sm',
        )}
      >
        {text}
      </p>
    </div>
  );
}

const completeReasonText = {
  enough_information: 'I have what I need to build it.',
  skipped: 'Building with what we have — the rest are sensible assumptions.',
  question_limit: 'That’s enough questions — I’ll fill in the rest with sensible defaults.',
} as const;

function AgentNote({ icon, children, testId }: { icon: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} className="flex items-start gap-2 px-1 text-[13px] text-muted">
      <span className="mt-0.5 shrink-0">{icon}</span>
      <span>{children}</span>
    </div>
  );
}

/** A past job's questions, fetched only when the person opens them. */
function PastJobQuestions({ jobId }: { jobId: string }) {
  const snapshot = useJobSnapshot(jobId);
  if (snapshot.isPending) return <Skeleton className="h-16 w-full rounded-xl" />;
  const questions = snapshot.data?.questions.filter((question) => question.status !== 'open') ?? [];
  if (questions.length === 0) return <p className="px-1 text-xs text-muted">No questions were needed.</p>;
  return (
    <div className="flex flex-col gap-2">
      {questions.map((question) => (
        <ClosedQuestionCard key={question.id} question={question} />
      ))}
    </div>
  );
}

/** A past job: what was asked and how it ended, kept short so the current one stays in focus. */
function PastJob({ job, version }: { job: AppJobSummary; version: AppVersionSummary | undefined }) {
  const [expanded, setExpanded] = useState(false);
  const outcome =
    job.status === 'complete' ? (
      // A version stored with failing checks is never shown as a clean success.
      <Badge tone={version?.status === 'checks_failed' ? 'warning' : 'success'}>
        {version ? `Version ${version.number}` : 'Complete'}
        {version?.status === 'checks_failed' && ' · checks failed'}
      </Badge>
    ) : job.status === 'failed' ? (
      <Badge tone="danger">Failed</Badge>
    ) : job.status === 'cancelled' ? (
      <Badge tone="neutral">Cancelled</Badge>
    ) : (
      <Badge tone="info">{job.status}</Badge>
    );
  return (
    <li data-testid="past-job" className="flex flex-col gap-1.5">
      <RequestBubble
        text={job.request}
        label={job.kind === 'create' ? 'First request' : 'Change request'}
        muted
      />
      <div className="flex items-center justify-end gap-2 px-1 text-[11px] text-subtle">
        <button
          type="button"
          aria-expanded={expanded}
          onClick={() => setExpanded((open) => !open)}
          className="mr-auto inline-flex items-center gap-0.5 rounded text-muted hover:text-text focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <ChevronRight
            className={clsx('size-3.5 transition-transform', expanded && 'rotate-90')}
            aria-hidden="true"
          />
          {expanded ? 'Hide questions' : 'Show questions'}
        </button>
        <time dateTime={job.createdAt} title={formatAbsoluteTime(job.createdAt)}>
          {formatAbsoluteTime(job.createdAt)}
        </time>
        {outcome}
      </div>
      {expanded && <PastJobQuestions jobId={job.id} />}
    </li>
  );
}

export function ConversationSkeleton() {
  return (
    <div className="flex flex-col gap-4 p-4" aria-busy="true">
      <Skeleton className="ml-auto h-12 w-3/4 rounded-2xl" />
      <Skeleton className="h-40 w-full rounded-xl" />
    </div>
  );
}

/**
 * The left column: earlier requests as history, then the current job's thread — its request, each
 * question (open, answered or skipped), the thinking card while a turn runs, then the build.
 */
export function Conversation({
  state,
  job,
  pastJobs,
  versions,
  answerPending,
  onAnswer,
  onSkip,
  onRetry,
  retryPending,
  onOpenPreview,
}: {
  state: JobState;
  job: AppJobSummary;
  pastJobs: AppJobSummary[];
  versions: AppVersionSummary[];
  answerPending: boolean;
  onAnswer: (questionId: string, answer: AnswerSubmission) => void;
  onSkip: (questionId: string) => void;
  onRetry: () => void;
  retryPending: boolean;
  onOpenPreview: () => void;
}) {
  const endRef = useRef<HTMLDivElement>(null);
  const open = openQuestion(state);
  const showGeneration =
    state.status === 'generating' ||
    state.generation !== null ||
    (state.questioning !== null && !isQuestioningStatus(state.status));
  const versionByJob = new Map(versions.map((version) => [version.jobId, version]));

  // Follow the conversation as it grows, unless the person scrolled up to read something.
  const contentKey = `${state.lastSeq}:${state.status}`;
  const stickToBottom = useRef(true);
  useEffect(() => {
    if (contentKey && stickToBottom.current) endRef.current?.scrollIntoView({ block: 'end' });
  }, [contentKey]);

  return (
    <div
      onScroll={(event) => {
        const element = event.currentTarget;
        stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
      }}
      className="min-h-0 flex-1 overflow-y-auto"
      data-testid="conversation"
      // The highest event seq folded in: tests wait on it to know a replay has caught up.
      data-last-seq={state.lastSeq}
    >
      <div className="mx-auto flex max-w-2xl flex-col gap-4 px-4 py-5">
        {pastJobs.length > 0 && (
          <section aria-label="Earlier requests" className="flex flex-col gap-4">
            <div className="flex items-center gap-2 text-[11px] font-medium tracking-wide text-subtle uppercase">
              <History className="size-3.5" aria-hidden="true" /> History
            </div>
            <ol className="flex flex-col gap-4">
              {pastJobs.map((pastJob) => (
                <PastJob key={pastJob.id} job={pastJob} version={versionByJob.get(pastJob.id)} />
              ))}
            </ol>
            <hr className="border-border" />
          </section>
        )}

        <RequestBubble
          text={state.request ?? job.request}
          label={job.kind === 'create' ? 'Your request' : 'Change request'}
        />

        {state.questions.map((question) =>
          question.id === open?.id ? (
            <OpenQuestionCard
              key={question.id}
              question={question}
              pending={answerPending}
              onAnswer={(answer) => onAnswer(question.id, answer)}
              onSkip={() => onSkip(question.id)}
            />
          ) : question.status === 'open' ? null : (
            <ClosedQuestionCard key={question.id} question={question} />
          ),
        )}

        {state.status === 'questioning' && <ThinkingCard />}

        {state.questioning && (
          <AgentNote
            testId="questioning-complete"
            icon={
              <CheckCircle2 className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden="true" />
            }
          >
            <span className="font-medium text-text">Questioning complete.</span>{' '}
            {completeReasonText[state.questioning.reason]}
          </AgentNote>
        )}

        {state.status === 'cancelled' && !showGeneration && (
          <AgentNote icon={<CircleSlash className="size-4" aria-hidden="true" />}>Cancelled.</AgentNote>
        )}
        {state.status === 'failed' && !showGeneration && (
          <div className="flex flex-col items-start gap-2.5">
            <AgentNote icon={<XCircle className="size-4 text-danger" aria-hidden="true" />}>
              <span data-testid="job-error" className="text-danger">
                {state.failure?.message ?? 'Something went wrong.'}
              </span>
            </AgentNote>
            {state.failure?.retryable !== false && (
              <Button
                size="sm"
                className="ml-7"
                onClick={onRetry}
                pending={retryPending}
                data-testid="retry"
                leadingIcon={<RotateCcw className="size-3.5" aria-hidden="true" />}
              >
                Retry
              </Button>
            )}
          </div>
        )}

        {showGeneration && (
          <GenerationProgress
            state={state}
            kind={job.kind}
            versionStatus={versionByJob.get(job.id)?.status ?? null}
            onRetry={onRetry}
            retryPending={retryPending}
            onOpenPreview={onOpenPreview}
          />
        )}
        <div ref={endRef} />
      </div>
    </div>
  );
}
