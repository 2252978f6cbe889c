/** "Chrome on macOS": a person-readable device from a User-Agent, for session lists and mail. */
import { UAParser } from 'ua-parser-js';

export interface Device {
  browser: string | null;
  os: string | null;
  /** desktop, mobile, tablet, … or unknown when no User-Agent was sent. */
  type: string;
}

export function describeDevice(userAgent: string | null): Device {
  if (!userAgent) return { browser: null, os: null, type: 'unknown' };
  const parsed = new UAParser(userAgent).getResult();
  return {
    browser: parsed.browser.name ?? null,
    os: parsed.os.name ?? null,
    type: parsed.device.type ?? 'desktop',
  };
}
