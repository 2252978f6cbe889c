import { useEffect } from 'react';

/** Sets the tab title to "<title> · Workgate". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Workgate` : 'Workgate';
  }, [title]);
}
