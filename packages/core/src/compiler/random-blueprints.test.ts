import { describe, expect, it } from 'vitest';
import { Blueprint } from '../blueprint/blueprint.ts';
import { validateBlueprint } from '../blueprint/validate-blueprint.ts';
import { bundleApp } from '../validation/bundle-app.ts';
import { typecheckApp } from '../validation/typecheck-app.ts';
import { acceptanceChecks } from './acceptance-checks.ts';
import { compileBlueprint } from './compile-blueprint.ts';
import { randomBlueprint } from './fixtures/random-blueprint.ts';

// Property: any valid blueprint compiles, type-checks, bundles and has well-formed checks. The
// browser half (it also passes its own checks) is in compiled-app.browser.test.ts.
describe('random valid blueprints', () => {
  it('are valid, compile, and get checks with unique ids and titles', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const blueprint = randomBlueprint(seed);
      expect(Blueprint.parse(blueprint)).toEqual(blueprint);
      expect(validateBlueprint(blueprint), `seed ${seed}`).toEqual([]);
      const files = compileBlueprint(blueprint, { seed });
      expect(files.some((file) => file.path === 'src/App.tsx')).toBe(true);
      const checks = acceptanceChecks(blueprint, { seed });
      const ids = checks.map((check) => check.id);
      expect(new Set(ids).size, `seed ${seed}: ${ids.join(' ')}`).toBe(ids.length);
      // Every entity gets a form, a new-record and a delete check; every view a render check.
      for (const entity of blueprint.entities) {
        expect(ids).toContain(`form:${entity.id}`);
        expect(ids).toContain(`create:${entity.id}`);
        expect(ids).toContain(`delete:${entity.id}`);
      }
      for (const view of blueprint.views) expect(ids).toContain(`view:${view.id}`);
    }
  });

  it('type-check and bundle', { timeout: 180_000 }, async () => {
    for (const seed of [3, 8, 16, 31, 57, 101]) {
      const files = compileBlueprint(randomBlueprint(seed), { seed });
      expect(await typecheckApp(files), `seed ${seed}`).toEqual([]);
      expect((await bundleApp(files)).ok, `seed ${seed}`).toBe(true);
    }
  });
});
