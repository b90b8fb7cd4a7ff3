import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowedPackageImports } from '../validation/app-files.ts';
import { dataModulePaths } from './data-modules.ts';
import { templateFiles } from './generated/template-files.gen.ts';
import { readTemplateFiles, renderTemplateMap, templateMapPath } from './template-map.ts';

describe('the template map', () => {
  it('is what the build step makes of the template files now (run `pnpm --filter @app/core build:template`)', () => {
    expect(readFileSync(templateMapPath, 'utf8')).toBe(renderTemplateMap(readTemplateFiles()));
  });

  it('holds every template file and no data module', () => {
    const paths = Object.keys(templateFiles);
    expect(paths).toContain('src/App.tsx');
    expect(paths).toContain('src/styles.css');
    expect(paths).toContain('src/data/adapter.ts');
    for (const path of dataModulePaths) expect(paths).not.toContain(path);
  });

  it('imports only react, react-dom, relative modules and .css files', () => {
    for (const [path, content] of Object.entries(templateFiles)) {
      for (const match of content.matchAll(
        /(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\s+'([^']+)'/g,
      )) {
        const specifier = match[1] ?? match[2] ?? '';
        if (specifier.startsWith('.')) continue;
        expect(allowedPackageImports.has(specifier), `${path} imports ${specifier}`).toBe(true);
      }
    }
  });
});
