/**
 * What Workgate takes from a provider's ID token: the subject (the identity), the address
 * and whether the provider verified it, a name to suggest, and whether the provider says the
 * sign-in used more than one factor. Apple writes booleans as strings ("true") and tells the
 * name only once, in the `user` field of its first form POST, never in the ID token.
 */
import { z } from 'zod';

export interface ProviderPerson {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** The provider reports a multi-factor sign-in (`amr` contains "mfa"). */
  multiFactor: boolean;
}

const flag = (value: unknown) => value === true || value === 'true';

const AppleUserSchema = z.object({
  name: z.object({ firstName: z.string().optional(), lastName: z.string().optional() }).optional(),
});

/** "Ada Lovelace" from Apple's first-authorization `user` JSON; null when absent or unreadable. */
export function nameFromAppleUser(user: string | undefined): string | null {
  if (!user) return null;
  try {
    const parsed = AppleUserSchema.safeParse(JSON.parse(user));
    const name = parsed.success ? [parsed.data.name?.firstName, parsed.data.name?.lastName].filter(Boolean).join(' ') : '';
    return name.trim() || null;
  } catch {
    return null;
  }
}

function nameFromClaims(claims: Record<string, unknown>): string | null {
  if (typeof claims.name === 'string' && claims.name.trim()) return claims.name.trim();
  const parts = [claims.given_name, claims.family_name].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return parts.length > 0 ? parts.join(' ').trim() : null;
}

export function personFromClaims(claims: Record<string, unknown>, extra: { appleUser?: string | undefined } = {}): ProviderPerson {
  const email = typeof claims.email === 'string' && claims.email.includes('@') ? claims.email.trim().toLowerCase() : null;
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  return {
    subject: String(claims.sub),
    email,
    emailVerified: email !== null && flag(claims.email_verified),
    name: nameFromAppleUser(extra.appleUser) ?? nameFromClaims(claims),
    multiFactor: amr.includes('mfa'),
  };
}

/** A name the sign-up form can start from: the provider's, else the address's local part. */
export function suggestedName(person: ProviderPerson): string {
  const fromEmail = person.email?.split('@')[0]?.replace(/[._-]+/g, ' ').trim();
  return (person.name ?? fromEmail ?? '').slice(0, 100);
}
