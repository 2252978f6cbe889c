import { describe, expect, it } from 'vitest';
import { reasonFrom, suspendedState } from './suspended-state';

describe('suspended page state', () => {
  it('carries the public reason, and nothing when there is none', () => {
    expect(reasonFrom(suspendedState('Payments outside Workgate.'))).toBe('Payments outside Workgate.');
    expect(reasonFrom(suspendedState(undefined))).toBeUndefined();
  });

  it('ignores history state that is not ours', () => {
    expect(reasonFrom(null)).toBeUndefined();
    expect(reasonFrom({ reason: 42 })).toBeUndefined();
    expect(reasonFrom({ reason: '   ' })).toBeUndefined();
    expect(reasonFrom({ notice: 'session_ended' })).toBeUndefined();
  });
});
