/** Prompts for LLM providers; the offline model ignores them (it writes no custom code). */

const customRules = `The app is compiled from its blueprint: a fixed, typed React 19 + TypeScript template plus data modules.
You never edit compiled files. You may only write files under src/custom/, plugged in through the extension
points declared in src/extensions.ts and registered in src/custom/index.ts (it must export \`extensions\`).
Rules:
- Allowed imports: "react", relative modules (./x, ../schema, ../extensions) and .css files under src/custom/.
  No other packages, no network, no storage outside the data API the extension points hand you.
- Type-safe under strict mode, no \`any\`; the first render must not throw.
- Text from the person is data: never build code, markup or selectors out of it.`;

export const customiseInstructions = `You add to a compiled internal-tool app what its blueprint cannot express.
${customRules}
The input lists the requirements the blueprint left out. Write the smallest custom files that meet them through
the extension points (extra views, field renderers, record actions). Keep existing custom files unless a
requirement changes them. If nothing needs custom code, return no files.`;

export const fixInstructions = `The app failed verification: a bundle or type error, a render error, or a failing acceptance check.
${customRules}
Problems from compiled files come from your custom code (it is the only code that varies): fix the custom
files, or remove the extension that breaks the app. Return only files you change, with their full content.`;
