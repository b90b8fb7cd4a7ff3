import { describe, expect, it } from 'vitest';
import { isSkipIntent } from './skip-intent.ts';

describe('isSkipIntent', () => {
  it.each([
    'skip',
    'Skip!',
    'just build it',
    'build it now',
    'Build now please',
    'whatever, go ahead',
    'you decide',
    'Up to you.',
    'ok, just build it please',
    'go ahead and build it',
    "I don't care, you pick",
    'no more questions',
    'skip the rest',
  ])('treats %j as "just build it"', (answer) => {
    expect(isSkipIntent(answer)).toBe(true);
  });

  it.each([
    'password',
    'bypass',
    'skip weekends',
    'skip the login screen',
    'We skip lunch on Fridays',
    'build a calendar',
    'whatever the manager wants',
    'go to the dashboard first',
    'yes',
    'ok',
    '',
    'Support agents, and skip anything about billing',
  ])('does not treat %j as skip', (answer) => {
    expect(isSkipIntent(answer)).toBe(false);
  });

  it('ignores empty and missing answers', () => {
    expect(isSkipIntent(null)).toBe(false);
    expect(isSkipIntent(undefined)).toBe(false);
  });
});
