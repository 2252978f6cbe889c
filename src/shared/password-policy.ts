/**
 * Password rules after NIST SP 800-63B §3.1.1.2: length and a blocklist, no composition
 * rules. Passwords are NFKC-normalized first so the same password typed on different
 * keyboards hashes the same. Shared by the server (which enforces) and the web app
 * (which shows the same feedback live). The server also checks new passwords against breach
 * corpora (server/modules/auth/methods/password/breach-check.ts); that list is never sent to
 * the browser, so the web app learns of it only from the server's weak_password answer.
 */
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn scores run 0..4; below this a password is refused. */
export const PASSWORD_MIN_SCORE = 3;

zxcvbnOptions.setOptions({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

/**
 * Context-specific words (ASVS 6.2.11, NIST SP 800-63B §3.1.1.2): the product's name, the
 * marketplace's own words and its roles. zxcvbn takes them as user inputs, so a password built
 * on one of them ("workgate1234", "Freelancer2024!") counts as easy to guess. The server adds
 * the words of the deployment's host name (PUBLIC_URL); sign-up adds the person's email and name.
 */
export const PASSWORD_CONTEXT_WORDS: readonly string[] = [
  'workgate',
  'freelance',
  'freelancer',
  'freelancers',
  'marketplace',
  'client',
  'clients',
  'contract',
  'proposal',
  'hire',
  'talent',
  'admin',
  'administrator',
  'support',
  'moderator',
];

const commonPasswords = new Set(common.dictionary.passwords.map((p) => p.toLowerCase()));

export interface PasswordAssessment {
  acceptable: boolean;
  /** 0..4 from zxcvbn. */
  score: number;
  /** Sentences to show the person, most important first. */
  feedback: string[];
}

/** NFKC normalization applied before every hash and every check. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Judges a password; `userInputs` (email, name) and PASSWORD_CONTEXT_WORDS count against it when reused. */
export function assessPassword(password: string, userInputs: string[] = []): PasswordAssessment {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return { acceptable: false, score: 0, feedback: [`Use at least ${PASSWORD_MIN_LENGTH} characters.`] };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { acceptable: false, score: 0, feedback: [`Use at most ${PASSWORD_MAX_LENGTH} characters.`] };
  }
  if (commonPasswords.has(normalized.toLowerCase())) {
    return { acceptable: false, score: 0, feedback: ['This is a commonly used password. Choose another.'] };
  }
  const inputs = [...userInputs.flatMap((input) => [input, ...input.split(/[@.\s]+/)]), ...PASSWORD_CONTEXT_WORDS].filter(
    (s) => s.length >= 3,
  );
  const result = zxcvbn(normalized, inputs);
  const feedback = [result.feedback.warning, ...result.feedback.suggestions].filter(
    (line): line is string => typeof line === 'string' && line.length > 0,
  );
  if (result.score < PASSWORD_MIN_SCORE) {
    return {
      acceptable: false,
      score: result.score,
      feedback: feedback.length > 0 ? feedback : ['Add more words or characters that are hard to guess.'],
    };
  }
  return { acceptable: true, score: result.score, feedback };
}
