import { toDataLiteral } from '../generation/data-literal.ts';
import type { AppFile } from '../validation/app-files.ts';

/**
 * The exact versions an exported project installs: the ones this repository builds and verifies
 * apps with (a test reads them from the workspace's node_modules), all of which run on Node 20.19.
 * Exact pins, no ranges, so `npm install` a year from now builds what the builder verified.
 */
export const exportDependencies = {
  dependencies: {
    react: '19.3.1',
    'react-dom': '19.3.1',
  },
  devDependencies: {
    '@types/react': '19.3.0',
    '@types/react-dom': '19.3.0',
    '@vitejs/plugin-react': '6.3.0',
    typescript: '5.9.3',
    vite: '8.3.8',
  },
} as const;

/** Node version the pinned toolchain needs (vite 8 and @vitejs/plugin-react 6 declare ^20.19). */
export const exportNodeEngine = '>=20.19';

export const exportInfoPath = 'src/export-info.ts';
export const adapterChoicePath = 'src/data/adapter-choice.ts';
export const exportEntryPath = 'src/main.tsx';

/** What a project's data modules say about it; each text reaches a file only through toDataLiteral. */
export interface ExportFacts {
  /** The app's title as its blueprint (or, for versions older than blueprints, its name) says. */
  title: string;
  versionNumber: number;
  /** The localStorage key the records live under: one per app, so two exports on one origin never mix. */
  storageKey: string;
}

const dataHeader = "// Written by the builder's export: data only, through its one escaping path.\n";

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const packageJson = json({
  name: 'exported-app',
  private: true,
  version: '0.0.0',
  type: 'module',
  scripts: {
    dev: 'vite',
    build: 'tsc --noEmit && vite build',
    preview: 'vite preview',
    typecheck: 'tsc --noEmit',
  },
  dependencies: exportDependencies.dependencies,
  devDependencies: exportDependencies.devDependencies,
  engines: { node: exportNodeEngine },
});

// The title is set from the data module at start (main.tsx): markup never carries the person's text.
const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>App</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`;

const viteConfig = `import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
});
`;

// The compiled template's own compiler options (src/compiler/template/tsconfig.json): the app
// type-checks in the export exactly as it did in the builder.
const tsconfig = json({
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    strict: true,
    noUncheckedIndexedAccess: true,
    noFallthroughCasesInSwitch: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
  include: ['src'],
});

const mainTsx = `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import { exportInfo } from './export-info';

document.title = exportInfo.title;

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
`;

const gitignore = 'node_modules\ndist\n';

/**
 * The README. Its only text from the app is the title, as a JSON string alone on its line inside
 * a fenced block: a line that starts with a quote can never close the fence, and the literal's
 * escapes keep a newline, `<` or a backtick from becoming markup.
 */
function readme(facts: ExportFacts): string {
  return `# Exported app

A standalone copy of an app made with the app builder (version ${String(facts.versionNumber)}): a
Vite + React + TypeScript project that runs on its own, with no builder and no server.

The app's title, as its blueprint names it:

\`\`\`json
${toDataLiteral(facts.title)}
\`\`\`

## Run it

Needs Node ${exportNodeEngine} and npm.

\`\`\`sh
npm install
npm run dev
\`\`\`

Then open the address Vite prints (http://localhost:5173 unless that port is taken).
\`npm run build\` type-checks the app and writes a static site to \`dist/\`; \`npm run preview\`
serves that build.

## Where the data lives

Records are kept in this browser's \`localStorage\`, under the key named in
\`src/data/adapter-choice.ts\`. A first visit starts with the sample records of
\`src/sample-data.ts\`; after that the browser's copy wins. Nothing is sent anywhere: another
browser or another computer starts from the samples again, and clearing the site's data in the
browser resets the app.

## What is where

- \`src/main.tsx\` mounts \`src/App.tsx\`, the app's root component.
- \`src/blueprint-data.ts\`: the app's design (records, fields, views) as data; the screens are
  drawn from it.
- \`src/sample-data.ts\`: the records a first visit starts with.
- \`src/data/\`: the data adapter (\`local-adapter.ts\` is the localStorage store).
- \`src/custom/\`: code written for this app beyond what the blueprint describes, if any.
`;
}

/** The files every exported project has around the app's own `src/`. */
export function scaffoldFiles(facts: ExportFacts): AppFile[] {
  return [
    { path: 'package.json', content: packageJson },
    { path: 'index.html', content: indexHtml },
    { path: 'vite.config.ts', content: viteConfig },
    { path: 'tsconfig.json', content: tsconfig },
    { path: '.gitignore', content: gitignore },
    { path: 'README.md', content: readme(facts) },
    { path: exportEntryPath, content: mainTsx },
    {
      path: exportInfoPath,
      content: `${dataHeader}export const exportInfo: { title: string; versionNumber: number } = ${toDataLiteral(
        { title: facts.title, versionNumber: facts.versionNumber },
        2,
      )};\n`,
    },
    {
      path: adapterChoicePath,
      // Its own type, not the template's `AdapterChoice`: a version compiled before that type existed
      // (whose choose-adapter never reads this file) still type-checks.
      content: `${dataHeader}export const adapterChoice: { kind: 'local'; storageKey: string } = ${toDataLiteral(
        { kind: 'local', storageKey: facts.storageKey },
        2,
      )};\n`,
    },
  ];
}
