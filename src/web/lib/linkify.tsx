/**
 * Plain text with its line breaks, where http(s) addresses become links. Everything is
 * rendered as text by React: nothing a person wrote is ever HTML.
 */
import { Fragment } from 'react';

const URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, lineIndex) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a fixed text never reorder
        <Fragment key={lineIndex}>
          {lineIndex > 0 && <br />}
          {line.split(URL_PATTERN).map((part, index) =>
            index % 2 === 1 ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a fixed line never reorder
              <a key={index} href={part} rel="noopener noreferrer nofollow ugc" target="_blank" className="text-brand-700 underline underline-offset-2">
                {part}
              </a>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of a fixed line never reorder
              <Fragment key={index}>{part}</Fragment>
            ),
          )}
        </Fragment>
      ))}
    </>
  );
}

/** "$65.00" for {amount: 6500, currency: "USD"}: minor units to the currency's format. */
export function formatMoney(money: { amount: number; currency: string }): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency: money.currency }).format(money.amount / 100);
}

const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });
export function countryName(code: string): string {
  return COUNTRY_NAMES.of(code) ?? code;
}

export const AVAILABILITY_WORDS: Record<string, string> = {
  more_than_30: 'More than 30 hrs/week',
  less_than_30: 'Less than 30 hrs/week',
  as_needed: 'As needed',
  not_available: 'Not available now',
};
