/**
 * Saves text as a file from the browser. The Content-Security-Policy allows no inline script
 * and no data: navigation tricks are needed: a Blob URL on a temporary link with `download`.
 */
export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; free it once the click has been handled.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
