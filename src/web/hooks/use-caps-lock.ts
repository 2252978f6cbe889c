import { useState, type KeyboardEvent } from 'react';

/** Tracks Caps Lock while a field has focus, from the key events it receives. */
export function useCapsLock() {
  const [capsLockOn, setCapsLockOn] = useState(false);
  const update = (event: KeyboardEvent) => setCapsLockOn(event.getModifierState('CapsLock'));
  return {
    capsLockOn,
    handlers: { onKeyDown: update, onKeyUp: update, onBlur: () => setCapsLockOn(false) },
  };
}
