import { describe, expect, it } from 'vitest';
import { createLocalAdapter } from './template/src/data/local-adapter.ts';

// The compiled app's local store (exports, the verifier's sandbox) deletes as the server's data
// store does: what pointed at the deleted record points at nothing, rather than at a ghost.
describe('the template’s local store', () => {
  it('empties references to a deleted record and leaves every other value alone', async () => {
    const store = createLocalAdapter({
      storageKey: 'test',
      storage: null,
      seed: {
        tool: [
          { id: 'drill', values: { name: 'Drill' } },
          { id: 'saw', values: { name: 'Saw' } },
        ],
        loan: [
          { id: 'loan-1', values: { tool: 'drill', borrower: 'Ana' } },
          { id: 'loan-2', values: { tool: 'saw', borrower: 'Ben' } },
        ],
      },
    });
    await store.remove('tool', 'drill');
    expect(await store.list('tool')).toEqual([{ id: 'saw', values: { name: 'Saw' } }]);
    expect(await store.list('loan')).toEqual([
      { id: 'loan-1', values: { borrower: 'Ana' } },
      { id: 'loan-2', values: { tool: 'saw', borrower: 'Ben' } },
    ]);
  });
});
