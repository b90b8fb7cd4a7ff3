import { describe, expect, it } from 'vitest';
import { connectionStateForSubscription } from './connection-state.ts';

describe('connectionStateForSubscription', () => {
  it('shows live only while the stream is open', () => {
    expect(connectionStateForSubscription('pending', true)).toBe('live');
    expect(connectionStateForSubscription('connecting', true)).toBe('reconnecting');
    expect(connectionStateForSubscription('error', true)).toBe('offline');
    expect(connectionStateForSubscription('idle', true)).toBeNull();
  });

  it('says offline whenever the browser has no network, whatever the stream last reported', () => {
    expect(connectionStateForSubscription('pending', false)).toBe('offline');
    expect(connectionStateForSubscription('idle', false)).toBe('offline');
  });
});
