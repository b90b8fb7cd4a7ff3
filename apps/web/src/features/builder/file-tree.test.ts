import { describe, expect, it } from 'vitest';
import { fileTreeRows } from './file-tree.ts';

describe('fileTreeRows', () => {
  it('lists directories before files, nested and sorted', () => {
    const rows = fileTreeRows(['src/App.tsx', 'src/components/Form.tsx', 'index.html', 'src/App.css']);
    expect(rows.map((row) => `${'  '.repeat(row.depth)}${row.name}`)).toEqual([
      'src',
      '  components',
      '    Form.tsx',
      '  App.css',
      '  App.tsx',
      'index.html',
    ]);
  });
});
