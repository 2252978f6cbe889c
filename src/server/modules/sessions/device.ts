/** "Chrome on macOS": a person-readable device from a User-Agent, for session lists and mail. */
import { UAParser } from 'ua-parser-js';

export interface Device {
  browser: string | null;
  os: string | null;
  /** desktop, mobile, tablet, … or unknown when no User-Agent was sent. */
  type: string;
}

// ua-parser-js 1.x says "Mac OS"; people (and Apple) call it macOS.
const OS_NAMES: Record<string, string> = { 'Mac OS': 'macOS' };

export function describeDevice(userAgent: string | null): Device {
  if (!userAgent) return { browser: null, os: null, type: 'unknown' };
  const parsed = new UAParser(userAgent).getResult();
  return {
    browser: parsed.browser.name ?? null,
    os: parsed.os.name ? (OS_NAMES[parsed.os.name] ?? parsed.os.name) : null,
    type: parsed.device.type ?? 'desktop',
  };
}
