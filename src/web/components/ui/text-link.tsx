import { Link, type LinkProps } from 'react-router';

/** An in-app link styled as a link (underlined, brand colour with 5:1 contrast). */
export function TextLink({ className, ...props }: LinkProps) {
  return (
    <Link
      {...props}
      className={`font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-900 ${className ?? ''}`}
    />
  );
}
