import type { AppFile, Blueprint, Fact } from '@app/core';
import { countCall, emptyCount, type TokenCount } from './count-tokens.ts';

/**
 * What the retired pipeline sent to write an app (its task contracts and prompts, as they were
 * before generation compiled the blueprint): one plan call with the request, the ledger and the
 * blueprint, then one write-step call per planned step, each receiving the request, ledger,
 * blueprint, the whole plan and *every file written so far* in full, and returning its own files
 * in full. The files it "writes" are the compiled app's (template, data modules and the custom
 * code), i.e. an app of the same size. Fix calls are not simulated (the old fix received every
 * file too): leaving them out flatters this path.
 */
export function writeEveryFileTokens(input: {
  request: string;
  ledger: readonly Fact[];
  blueprint: Blueprint;
  files: readonly AppFile[];
}): TokenCount {
  const count = emptyCount();
  const ledger = input.ledger.map((fact) => ({
    kind: fact.kind,
    text: fact.text,
    topic: fact.topic ?? null,
  }));
  const plan = planOf(input.files);
  const steps = plan.map(({ step }) => step);
  countCall(count, {
    task: 'generation.plan',
    instructions: planInstructions,
    input: { kind: 'create', request: input.request, ledger, blueprint: input.blueprint, currentFiles: null },
    output: { summary: input.blueprint.summary, steps },
  });
  const written: AppFile[] = [];
  for (const [stepIndex, { step, files }] of plan.entries()) {
    countCall(count, {
      task: 'generation.write_step',
      instructions: writeStepInstructions,
      input: {
        kind: 'create',
        request: input.request,
        ledger,
        blueprint: input.blueprint,
        plan: steps,
        stepIndex,
        step,
        files: written,
      },
      output: { files, deletedPaths: [] },
    });
    written.push(...files);
  }
  return count;
}

const stepParts = [
  {
    title: 'Types, data and storage',
    phase: 'scaffold',
    holds: (path: string) =>
      /^src\/(schema|blueprint-data|sample-data|app-context)\.ts$|^src\/(data|logic)\//.test(path),
  },
  {
    title: 'Shell, navigation, forms and record pages',
    phase: 'logic',
    holds: (path: string) => path.startsWith('src/components/'),
  },
  { title: 'The views', phase: 'logic', holds: (path: string) => path.startsWith('src/views/') },
  { title: 'The stylesheet', phase: 'styling', holds: (path: string) => path.endsWith('.css') },
  { title: 'App root and the extras the request asked for', phase: 'polish', holds: () => true },
] as const;

/** The compiled files in five steps, as the old planner laid an app out (scaffold → … → polish). */
function planOf(files: readonly AppFile[]) {
  const left = [...files];
  return stepParts
    .map((part) => {
      const mine = left.filter((file) => part.holds(file.path));
      for (const file of mine) left.splice(left.indexOf(file), 1);
      return {
        step: {
          title: part.title,
          phase: part.phase,
          description: `Write ${mine.length} files: ${part.title.toLowerCase()}.`,
          files: mine.map((file) => file.path),
        },
        files: mine,
      };
    })
    .filter((entry) => entry.files.length > 0);
}

// The retired prompts, verbatim (packages/core/src/generation/instructions.ts before the compiler).
const appRules = `The app is React 19 + TypeScript (strict) bundled by esbuild in the browser.
Rules:
- Every file lives under src/. src/App.tsx must \`export default\` the root component; an entry mounts it into #root.
- Allowed imports: "react", "react-dom", relative modules (./x) and .css files. No other packages, no CDN, no network.
- Keep data in localStorage (guard JSON.parse with try/catch). The first render must not throw, even with empty storage.
- Type-safe under strict mode, no \`any\`. Small files with one purpose each.
- One stylesheet with CSS variables and light/dark via prefers-color-scheme; accessible labels on inputs and buttons.`;

const planInstructions = `You plan a small internal-tool web app from a ledger of facts the user confirmed.
${appRules}
Return ordered steps, each in one phase: scaffold (types, storage, App shell) → logic (forms, lists, views) →
styling (the stylesheet) → polish (empty states, summaries, small touches). Each step names the files it writes.
For a change, plan only the steps needed on top of the current files, and keep everything else as it is.`;

const writeStepInstructions = `You write the files of one step of the plan, completely (no placeholders, no "..." elisions).
${appRules}
Return every file this step names with its full new content. List in deletedPaths any file this step removes.
Files written by earlier steps and the current version are in the input: stay consistent with their exports.`;
