/** A person's photo, or their initials on a tint when there is none. */
const SIZES = { sm: 'size-10 text-sm', md: 'size-16 text-lg', lg: 'size-28 text-3xl' } as const;

export function Avatar({ photo, name, size }: { photo: { url: string; thumbnailUrl: string | null } | null; name: string; size: keyof typeof SIZES }) {
  if (photo) {
    return <img src={size === 'lg' ? photo.url : (photo.thumbnailUrl ?? photo.url)} alt="" className={`${SIZES[size]} shrink-0 rounded-full object-cover`} />;
  }
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <span aria-hidden="true" className={`${SIZES[size]} flex shrink-0 items-center justify-center rounded-full bg-brand-50 font-bold text-brand-800`}>
      {initials}
    </span>
  );
}
