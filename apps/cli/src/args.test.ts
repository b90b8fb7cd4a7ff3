import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';

describe('parseArgs', () => {
  it('reads the command, its positionals and flags in any order', () => {
    expect(parseArgs(['new', 'a tool library', '--yes', '--url=http://x:3000'])).toMatchObject({
      command: 'new',
      positionals: ['a tool library'],
      yes: true,
      url: 'http://x:3000',
    });
    expect(parseArgs(['--url', 'http://y', 'change', 'app-1', 'add a due date'])).toMatchObject({
      command: 'change',
      positionals: ['app-1', 'add a due date'],
      url: 'http://y',
    });
    expect(parseArgs(['new', '--', '--not-a-flag'])).toMatchObject({ positionals: ['--not-a-flag'] });
  });

  it('refuses unknown options and flags without their value', () => {
    expect(() => parseArgs(['apps', '--frobnicate'])).toThrow('Unknown option --frobnicate');
    expect(() => parseArgs(['apps', '--url'])).toThrow('--url needs a value');
  });
});
