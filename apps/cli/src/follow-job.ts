import { type BuilderClient, isFinished, type Job, openQuestion, trpcErrorCode, waitFor } from '@app/client';
import type { JobEvent, Question } from '@app/core/schemas';
import { type ExitCode, exitCodes } from './exit-codes.ts';
import { askCard } from './interview/ask.ts';
import { type CardDecision, describeDecision, recommendedDecision } from './interview/card.ts';
import { emptyChecklist, foldChecklist, renderChecklist } from './progress/checklist.ts';
import { LiveBlock } from './progress/live-block.ts';
import type { Style } from './terminal/style.ts';
import type { Terminal } from './terminal/terminal.ts';

export interface FollowJobContext {
  client: BuilderClient;
  terminal: Terminal;
  style: Style;
  /** Answer every question with its recommendation (or skip to its default) without asking. */
  yes: boolean;
  /** Ends the process (after restoring the terminal). */
  exit(code: ExitCode): never;
}

async function decide(context: FollowJobContext, question: Question, job: Job, redraws: Set<() => void>) {
  if (context.yes) {
    context.terminal.write(`\n${context.style.bold(`Question ${question.number}`)} ${question.text}\n`);
    return recommendedDecision(question);
  }
  const card = askCard(context.terminal, context.style, question, job.readiness);
  redraws.add(card.redraw);
  try {
    return await card.decision;
  } finally {
    redraws.delete(card.redraw);
  }
}

async function submit(client: BuilderClient, job: Job, question: Question, decision: CardDecision) {
  const ids = { jobId: job.id, questionId: question.id };
  if (decision.kind === 'skip') await client.jobs.skipQuestion.mutate(ids);
  else if (decision.kind === 'build') await client.jobs.build.mutate({ jobId: job.id });
  else await client.jobs.answer.mutate({ ...ids, optionIds: decision.optionIds, text: decision.text });
}

/**
 * Runs a job to its end in the terminal: each question as a card, then the build as a live
 * checklist, then the preview URL. Ctrl-C asks whether to cancel the job. Resolves with the exit
 * code: 0 built, 1 failed or cancelled.
 */
export async function followJob(context: FollowJobContext, started: Job): Promise<ExitCode> {
  const { client, terminal, style } = context;
  const handled = new Set<string>();
  const redraws = new Set<() => void>();
  let checklist = emptyChecklist;
  const block = new LiveBlock(terminal);

  let confirming = false;
  terminal.onInterrupt(() => {
    if (confirming) return;
    confirming = true;
    void (async () => {
      const answer = terminal.interactive
        ? (await terminal.readLine('\nCancel the job? (y/N) ', { exclusive: true })).trim().toLowerCase()
        : 'n';
      if (answer === 'y' || answer === 'yes') {
        try {
          await client.jobs.cancel.mutate({ jobId: started.id });
          terminal.write('Cancelled.\n');
        } catch (error) {
          // The job may have finished meanwhile: cancelling a final job is a CONFLICT.
          terminal.write(`Could not cancel: ${error instanceof Error ? error.message : String(error)}\n`);
        }
        context.exit(exitCodes.failed);
      }
      if (!terminal.interactive) {
        terminal.write(`\nStopped following; the job keeps running: ${started.id}\n`);
        context.exit(exitCodes.failed);
      }
      confirming = false;
      for (const redraw of redraws) redraw();
    })();
  });

  const onEvent = (event: JobEvent) => {
    if (event.type === 'questioning_complete') {
      terminal.write(style.dim(`\nQuestions done (${event.data.reason.replaceAll('_', ' ')}).\n`));
    }
    const next = foldChecklist(checklist, event);
    if (next === checklist) return;
    if (event.type === 'generation_started') block.seal();
    checklist = next;
    // In a log, a line per written file would drown the rest: the count shows at each step.
    if (terminal.interactive || event.type !== 'file_written')
      block.update(renderChecklist(checklist, style));
  };

  const onJob = async (job: Job) => {
    const question = openQuestion(job);
    if (!question || handled.has(question.id)) return;
    handled.add(question.id);
    const decision = await decide(context, question, job, redraws);
    terminal.write(`  → ${describeDecision(question, decision)}\n`);
    try {
      await submit(client, job, question, decision);
    } catch (error) {
      // Answered elsewhere (the SPA) or the job moved on: the next reading shows where it is.
      if (trpcErrorCode(error) !== 'CONFLICT') throw error;
      terminal.write(style.dim('  (the job moved on before this answer arrived)\n'));
    }
  };

  const final = await waitFor(client, started.id, ({ job }) => isFinished(job), { onEvent, onJob });
  terminal.onInterrupt(null);
  return reportFinal(context, final);
}

async function reportFinal(context: FollowJobContext, job: Job): Promise<ExitCode> {
  const { client, terminal, style } = context;
  if (job.status === 'complete' && job.versionId) {
    // versions.get signs a fresh preview link (the event log holds the unsigned one).
    const version = await client.versions.get.query({ versionId: job.versionId });
    const passed = version.checks.filter((check) => check.ok).length;
    terminal.write(
      `\n${style.green('Built')} version ${version.number} · ${passed}/${version.checks.length} checks passed\n` +
        `Version: ${version.id}\nPreview: ${version.previewUrl}\n`,
    );
    return exitCodes.ok;
  }
  if (job.status === 'cancelled') {
    terminal.write(`\n${style.red('Cancelled')}: job ${job.id}\n`);
    return exitCodes.failed;
  }
  terminal.write(`\n${style.red('Build failed')}: ${job.error?.message ?? 'no reason given'}\n`);
  if (job.error?.retryable) terminal.write(style.dim(`The job can be retried (jobs.retry ${job.id}).\n`));
  return exitCodes.failed;
}
