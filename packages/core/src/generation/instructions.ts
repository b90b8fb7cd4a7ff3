/** Prompts for LLM providers; the offline model ignores them and answers from the structured input. */

const appRules = `The app is React 19 + TypeScript (strict) bundled by esbuild in the browser.
Rules:
- Every file lives under src/. src/App.tsx must \`export default\` the root component; an entry mounts it into #root.
- Allowed imports: "react", "react-dom", relative modules (./x) and .css files. No other packages, no CDN, no network.
- Keep data in localStorage (guard JSON.parse with try/catch). The first render must not throw, even with empty storage.
- Type-safe under strict mode, no \`any\`. Small files with one purpose each.
- One stylesheet with CSS variables and light/dark via prefers-color-scheme; accessible labels on inputs and buttons.`;

export const planInstructions = `You plan a small internal-tool web app from a ledger of facts the user confirmed.
${appRules}
Return ordered steps, each in one phase: scaffold (types, storage, App shell) → logic (forms, lists, views) →
styling (the stylesheet) → polish (empty states, summaries, small touches). Each step names the files it writes.
For a change, plan only the steps needed on top of the current files, and keep everything else as it is.`;

export const writeStepInstructions = `You write the files of one step of the plan, completely (no placeholders, no "..." elisions).
${appRules}
Return every file this step names with its full new content. List in deletedPaths any file this step removes.
Files written by earlier steps and the current version are in the input: stay consistent with their exports.`;

export const fixInstructions = `The app failed validation (bundle, type check or first render). Fix every listed problem.
${appRules}
Return only files you change, each with its full new content; list in deletedPaths files to remove.
Do not rewrite working files and do not drop features to make errors go away.`;
