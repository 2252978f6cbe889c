import { describe, expect, it } from 'vitest';
import { formatCountdown, formatRelativeTime, formatWait, groupForReading } from './format';

describe('formatWait', () => {
  it('says seconds under two minutes, so it agrees with a countdown beside it', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(90)).toBe('90 seconds');
  });

  it('rounds longer waits up to whole minutes or hours', () => {
    expect(formatWait(121)).toBe('3 minutes');
    expect(formatWait(900)).toBe('15 minutes');
    expect(formatWait(3_601)).toBe('2 hours');
  });
});

describe('formatCountdown', () => {
  it('shows minutes and two-digit seconds', () => {
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('says "just now" within a minute', () => {
    expect(formatRelativeTime('2026-03-01T11:59:30Z', now)).toBe('just now');
  });
  it('counts minutes, hours and days in the past', () => {
    expect(formatRelativeTime('2026-03-01T11:55:00Z', now)).toMatch(/5/);
    expect(formatRelativeTime('2026-02-27T12:00:00Z', now)).toMatch(/2/);
  });
});

describe('groupForReading', () => {
  it('splits a key into groups of four', () => {
    expect(groupForReading('JBSWY3DPEHPK3PXPAB')).toBe('JBSW Y3DP EHPK 3PXP AB');
    expect(groupForReading('')).toBe('');
  });
});
