/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page
 * inert, Escape closes it (as "cancel"), and it is named by its heading. Tab and Shift+Tab
 * also wrap inside it, so focus cannot walk out to the browser's toolbar and back into the
 * page behind. Closing returns focus to what had it before.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface ModalDialogProps {
  open: boolean;
  title: string;
  /** Read after the title when the dialog opens. */
  description?: ReactNode;
  /** Escape, or the dialog's own cancel button. */
  onCancel: () => void;
  children: ReactNode;
}

export function ModalDialog({ open, title, description, onCancel, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  });

  useEffect(() => {
    const element = dialog.current;
    if (!element || !open) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    return () => {
      element.close();
      returnTo?.focus();
    };
  }, [open]);

  // Escape fires "cancel" and the browser closes the dialog; the owner's state follows.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const onCancelEvent = () => cancel.current();
    element.addEventListener('cancel', onCancelEvent);
    return () => element.removeEventListener('cancel', onCancelEvent);
  }, []);

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((item) => item.offsetParent !== null);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      onKeyDown={trapTab}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border border-ink-200 bg-white p-0 text-ink-900 shadow-lg backdrop:bg-ink-900/60"
    >
      {open && (
        <div className="space-y-5 p-5 sm:p-8">
          <div className="space-y-2">
            <h2 id={`${id}-title`} className="text-2xl font-bold text-ink-900">
              {title}
            </h2>
            {description && (
              <div id={`${id}-description`} className="space-y-2 text-base text-ink-700">
                {description}
              </div>
            )}
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}
