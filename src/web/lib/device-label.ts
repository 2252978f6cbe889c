import type { DeviceSession } from '../api/account-api';

/** "Chrome on macOS", "Workgate app on iOS", or a plain fallback when the browser sent nothing. */
export function deviceLabel(session: Pick<DeviceSession, 'device' | 'client'>): string {
  const { browser, os } = session.device;
  const software = session.client === 'app' ? 'Workgate app' : browser;
  if (software && os) return `${software} on ${os}`;
  if (software) return software;
  if (os) return `Unknown browser on ${os}`;
  return 'Unknown device';
}
