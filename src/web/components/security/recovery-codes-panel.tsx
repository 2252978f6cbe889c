/**
 * A new set of recovery codes, shown once: the server keeps only their hashes. The person
 * copies or downloads them and says they have saved them; only then does the panel close.
 */
import { useEffect, useRef, useState } from 'react';
import { downloadText } from '../../lib/download-text';
import { Button } from '../ui/button';

interface RecoveryCodesPanelProps {
  codes: string[];
  email: string;
  /** Why the codes are shown: just after turning on two-step verification, or a new set. */
  reason: 'enabled' | 'regenerated';
  onSaved: () => void;
}

function codesAsText(codes: string[], email: string): string {
  return [
    `Workgate recovery codes for ${email}`,
    `Created ${new Date().toLocaleString()}`,
    '',
    'Each code works once. Use one to log in when you cannot use your second step.',
    'Keep this file somewhere safe, such as a password manager.',
    '',
    ...codes.map((code, index) => `${String(index + 1).padStart(2, ' ')}. ${code}`),
    '',
  ].join('\n');
}

export function RecoveryCodesPanel({ codes, email, reason, onSaved }: RecoveryCodesPanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState('');

  // The panel replaces the button that opened it: focus moves to its heading.
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setStatus('Codes copied to the clipboard.');
    } catch {
      setStatus('Your browser did not allow copying. Select the codes and copy them, or download them.');
    }
  };

  return (
    <section aria-labelledby="recovery-codes-title" className="space-y-4 rounded-lg border border-warning-200 bg-warning-50 p-4 sm:p-5">
      <h3 id="recovery-codes-title" ref={heading} tabIndex={-1} className="text-lg font-bold text-ink-900 outline-none">
        Save your recovery codes
      </h3>
      <p className="text-base text-ink-900">
        {reason === 'regenerated' ? 'Your old recovery codes no longer work. ' : ''}
        If you lose your phone, each of these codes lets you log in once. This is the only time we show them: copy or
        download them now and keep them somewhere safe, such as a password manager.
      </p>
      <ol aria-label="Recovery codes" className="grid grid-cols-1 gap-2 rounded-lg border border-ink-200 bg-white p-4 font-mono text-base sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code} className="tracking-wide text-ink-900">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={() => void copy()}>
          Copy codes
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            downloadText('workgate-recovery-codes.txt', codesAsText(codes, email));
            setStatus('Codes downloaded as workgate-recovery-codes.txt.');
          }}
        >
          Download as text
        </Button>
      </div>
      <p aria-live="polite" className="text-sm text-ink-700">
        {status}
      </p>
      <Button onClick={onSaved}>I have saved these codes</Button>
    </section>
  );
}
