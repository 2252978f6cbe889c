/**
 * Stand-in OpenID Providers for "Sign in with Google / Apple / any OIDC provider", plus a driver
 * that plays the browser (or a native app) through them. Test fixture code, not product code.
 *
 * Each stand-in is a real OpenID Provider (panva's oidc-provider, certified) on 127.0.0.1, so the
 * app's relying-party code meets genuine discovery, PKCE, code exchange and signed ID tokens
 * rather than a mock that agrees with whatever the app expects. It is bent only where Google and
 * Apple differ from a plain OP:
 * - the person is whoever is typed into the built-in dev login form; the login decides the claims
 *   (`unverified.` → email not verified, `+mfa` → amr includes mfa, an @privaterelay.appleid.com
 *   address → Apple's private relay), so a test picks a person by picking a login;
 * - `sub` is an opaque hash of the login, never the email, so the app cannot confuse the two;
 * - Apple puts email_verified/is_private_email in the ID token as the strings "true"/"false",
 *   never a name, and its web client authenticates with an ES256 JWT it signs itself
 *   (Apple's "client secret") instead of a shared secret.
 * The built-in login and consent pages stay on because both the driver below and a Playwright
 * spec in Chromium click through them.
 */
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as querystring from 'node:querystring';
import { decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
// @ts-expect-error oidc-provider ships no type declarations; the small slice used here is typed below.
import { Provider as UntypedProvider, interactionPolicy as untypedPolicy } from 'oidc-provider';

// ---------------------------------------------------------------------------------------------
// Public API

export interface StandInClient {
  clientId: string;
  /**
   * Confidential web client (Google, generic): token_endpoint_auth_method client_secret_post.
   * Ignored for Apple, whose web client signs a JWT instead (see StandInOptions.apple).
   */
  clientSecret?: string;
  redirectUris: string[];
  /** A native app: public client, token_endpoint_auth_method 'none', PKCE. */
  public?: boolean;
}

export interface StandInOptions {
  kind: 'google' | 'apple';
  /** 0 / undefined = a random free port on 127.0.0.1. */
  port?: number;
  clients: StandInClient[];
  /** Apple only: the web client's client_secret is an ES256 JWT the app signs with this key pair. */
  apple?: { teamId: string; keyId: string; publicKey: CryptoKey | KeyObject | JWK };
}

export interface StandIn {
  /** http://127.0.0.1:<port> */
  issuer: string;
  close(): Promise<void>;
}

export type AuthorizationOutcome =
  /** Query response mode: the redirect_uri with code&state (or error&state). Never fetched. */
  | { kind: 'redirect'; url: URL }
  /** form_post response mode: the auto-submitting form's action and hidden fields. Never posted. */
  | { kind: 'form_post'; action: string; fields: Record<string, string> };

/** Apple refuses client-secret JWTs that live longer than this (its documented 6-month limit). */
export const APPLE_CLIENT_SECRET_MAX_SECONDS = 15_777_000;

/** The opaque subject the stand-in gives the person who types `login` (stable across runs). */
export function subjectFor(login: string): string {
  return `sub-${createHash('sha256').update(normalizeLogin(login)).digest('hex').slice(0, 16)}`;
}

export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  if (options.kind === 'apple' && !options.apple && options.clients.some((c) => !c.public)) {
    throw new Error('an Apple stand-in with a web client needs options.apple (team id, key id, public key)');
  }

  // The issuer must name the port, and a random port is only known after listening: listen
  // first, build the provider second, and let the server hand requests to it from then on.
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // fetch keeps connections alive; without this close() would wait for them to time out.
      server.closeAllConnections();
    });

  try {
    const registered = registerClients(options);
    const provider = buildProvider(issuer, options.kind, registered.metadata);
    // Koa fixes its middleware when callback() is called, so the Apple check joins first and
    // learns the token endpoint from discovery, which needs the provider up, afterwards.
    const apple = options.kind === 'apple' ? options.apple : undefined;
    const token: { path?: string } = {};
    if (apple) provider.use(appleClientSecretJwt(token, issuer, apple, registered.appleSecrets));
    handler = provider.callback();
    if (apple) token.path = new URL((await discover(issuer)).token_endpoint).pathname;
    return { issuer, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** An ES256 key pair as Apple gives it: the private key as PKCS#8 PEM (what APPLE_PRIVATE_KEY holds), the public key for the stand-in. */
export async function makeAppleKey(): Promise<{ privateKeyPem: string; publicKey: CryptoKey | KeyObject | JWK }> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
}

/** Follows an authorization URL through the stand-in's login form (typing `login`, any password) and consent; `consent: false` presses Cancel/abort instead. */
export async function authorizeAtStandIn(
  authorizationUrl: string,
  person: { login: string; consent?: boolean },
): Promise<AuthorizationOutcome> {
  const browser = new TinyBrowser(new URL(authorizationUrl).origin);
  let request: PendingRequest = { url: new URL(authorizationUrl) };

  for (let step = 0; step < MAX_STEPS; step++) {
    const page = await browser.open(request);
    if (page.kind === 'left') return { kind: 'redirect', url: page.url };
    if (page.kind === 'redirect') {
      request = { url: page.url };
      continue;
    }

    const form = parseForm(page.html, page.url);
    if (form && form.action.origin !== browser.origin) {
      // The response mode's auto-submitting form; it may carry an error, hence before the status check.
      return { kind: 'form_post', action: form.action.href, fields: form.fields };
    }
    if (page.status !== 200 || !form) throw new Error(`stand-in answered ${page.status} at ${page.url.pathname}: ${textOf(page.html)}`);

    switch (form.fields.prompt) {
      case 'login':
        request = { url: form.action, form: { ...form.fields, login: person.login, password: 'any password' } };
        break;
      case 'consent':
        request = person.consent === false ? { url: cancelLink(page.html, page.url) } : { url: form.action, form: form.fields };
        break;
      default:
        throw new Error(`unexpected form at ${page.url.pathname}: ${textOf(page.html)}`);
    }
  }
  throw new Error(`no answer from the stand-in after ${MAX_STEPS} steps`);
}

/** Plays a native app: runs a full code flow with PKCE as the given public client with the given nonce, and answers the ID token from the token endpoint. */
export async function idTokenFromStandIn(
  standIn: StandIn,
  options: { clientId: string; redirectUri: string; login: string; nonce: string; scope?: string },
): Promise<string> {
  const metadata = await discover(standIn.issuer);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorizationUrl = new URL(metadata.authorization_endpoint);
  authorizationUrl.search = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: options.scope ?? 'openid email',
    state,
    nonce: options.nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const outcome = await authorizeAtStandIn(authorizationUrl.href, { login: options.login });
  if (outcome.kind !== 'redirect') throw new Error('expected a query response, got form_post');
  const answer = outcome.url.searchParams;
  if (answer.get('error')) throw new Error(`authorization failed: ${answer.get('error')} ${answer.get('error_description') ?? ''}`);
  if (answer.get('state') !== state) throw new Error('authorization response state does not match');

  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: answer.get('code') ?? '',
      redirect_uri: options.redirectUri,
      client_id: options.clientId,
      code_verifier: verifier,
    }),
  });
  const tokens = (await response.json()) as { id_token?: string; error?: string; error_description?: string };
  if (!response.ok || !tokens.id_token) throw new Error(`token request failed: ${tokens.error ?? response.status} ${tokens.error_description ?? ''}`);
  return tokens.id_token;
}

// ---------------------------------------------------------------------------------------------
// The people: everything about a person follows from the login typed into the dev form.

function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

type Claims = Record<string, unknown>;

function claimsFor(kind: StandInOptions['kind'], login: string): Claims {
  const email = normalizeLogin(login);
  const verified = !email.startsWith('unverified.');
  if (kind === 'apple') {
    return {
      sub: subjectFor(login),
      email,
      // Apple sends these as strings, which relying parties must not mistake for booleans.
      email_verified: String(verified),
      ...(email.endsWith('@privaterelay.appleid.com') ? { is_private_email: 'true' } : {}),
    };
  }
  return { sub: subjectFor(login), email, email_verified: verified, ...namesFrom(email) };
}

/** `unverified.ada.lovelace+mfa@x` → Ada Lovelace: the markers are test switches, not names. */
function namesFrom(email: string): Claims {
  const local = (email.split('@')[0] ?? '').replace(/^unverified\./, '').replace(/\+.*$/, '');
  const parts = local.split(/[._-]+/).filter(Boolean).map((p) => p[0]!.toUpperCase() + p.slice(1));
  if (parts.length === 0) return {};
  const [given, ...family] = parts;
  return { name: parts.join(' '), given_name: given, ...(family.length ? { family_name: family.join(' ') } : {}) };
}

function amrFor(login: string): string[] {
  return login.includes('+mfa') ? ['pwd', 'mfa'] : ['pwd'];
}

// ---------------------------------------------------------------------------------------------
// The provider

/** The slice of oidc-provider (a Koa app) used here. */
interface KoaContext {
  method: string;
  path: string;
  req: IncomingMessage & { body?: unknown };
  status: number;
  body: unknown;
  get(field: string): string;
  set(field: string, value: string): void;
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface InteractionResults {
  login?: { accountId: string; amr?: string[] };
  [key: string]: unknown;
}
interface AuthorizationContext {
  oidc: { account?: { accountId: string }; client?: { clientId: string }; params: { scope?: string }; responseMode: string };
}
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  on(event: 'authorization.success', listener: (ctx: AuthorizationContext, out: Record<string, unknown>) => void): void;
  use(middleware: Middleware): void;
  interactionResult(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: object): Promise<string>;
}
interface PromptInstance {
  checks: { remove(reason: string): void };
}
interface InteractionPolicy {
  base(): unknown[] & { add(prompt: PromptInstance): void };
  Prompt: new (options: { name: string; requestable: boolean }) => PromptInstance;
}
const Provider = UntypedProvider as new (issuer: string, configuration: object) => OidcProvider;
const policy = untypedPolicy as InteractionPolicy;

/** Fixed so a restarted dev stand-in still reads the cookies of a browser it talked to before. */
const COOKIE_KEYS = ['workgate-oidc-stand-in-cookie-key-1'];

function buildProvider(issuer: string, kind: StandInOptions['kind'], clients: object[]): OidcProvider {
  // The dev login form yields only the typed login as the account id. Map it to the opaque sub
  // here, so sessions, grants and codes all agree on one id, and remember who it was.
  const logins = new Map<string, string>();

  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = quietly(
    () =>
      new Provider(issuer, {
        clients,
        jwks: { keys: [{ ...jwk, kid: `stand-in-${kind}`, alg: 'RS256', use: 'sig' }] },
        cookies: { keys: COOKIE_KEYS },
        responseTypes: ['code'],
        pkce: { required: () => true },
        clientAuthMethods: ['client_secret_post', 'none'],
        conformIdTokenClaims: false,
        // Apple answers to the scopes "name email"; "name" is accepted but its data never reaches the ID token.
        scopes: kind === 'apple' ? ['openid', 'email', 'name'] : ['openid', 'email', 'profile'],
        claims: {
          // The ID token carries only claims of granted scopes; amr rides along with openid.
          openid: ['sub', 'amr'],
          email: ['email', 'email_verified', ...(kind === 'apple' ? ['is_private_email'] : [])],
          ...(kind === 'google' ? { profile: ['name', 'given_name', 'family_name'] } : {}),
        },
        interactions: { policy: interactionPolicyFor(kind) },
        features: {
          devInteractions: { enabled: true },
          userinfo: { enabled: kind === 'google' },
          // Neither Google nor Apple offers pushed authorization requests; don't advertise them.
          pushedAuthorizationRequests: { enabled: false },
        },
        // Explicit lifetimes (Google's: 1 h tokens) also keep oidc-provider from noting the defaults.
        ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 86_400, Grant: 86_400 },
        findAccount: (_ctx: unknown, sub: string) => {
          const login = logins.get(sub);
          if (login === undefined) return undefined;
          return { accountId: sub, claims: () => claimsFor(kind, login) };
        },
      }),
  );

  // The dev form can only send { login: { accountId } }; amr has to join the login result here.
  const interactionResult = provider.interactionResult.bind(provider);
  provider.interactionResult = (req, res, result, options) => {
    if (result.login) {
      const login = result.login.accountId;
      const sub = subjectFor(login);
      logins.set(sub, login);
      result = { ...result, login: { ...result.login, accountId: sub, amr: amrFor(login) } };
    }
    return interactionResult(req, res, result, options);
  };
  if (kind === 'apple') introduceOnFirstAuthorization(provider, logins);
  return provider;
}

/**
 * Apple tells the name only once: in a `user` form field (JSON) of the form_post response to a
 * person's first authorization of an app, never in the ID token and never again. Emitted
 * synchronously just before the response is written, so adding to `out` reaches the form.
 */
function introduceOnFirstAuthorization(provider: OidcProvider, logins: Map<string, string>) {
  const introduced = new Set<string>();
  provider.on('authorization.success', (ctx, out) => {
    const { account, client, params, responseMode } = ctx.oidc;
    const login = account && logins.get(account.accountId);
    const scopes = new Set(params.scope?.split(' '));
    if (!login || !client || responseMode !== 'form_post' || !(scopes.has('name') || scopes.has('email'))) return;
    const key = `${client.clientId} ${account.accountId}`;
    if (introduced.has(key)) return;
    introduced.add(key);
    const { given_name: firstName, family_name: lastName } = namesFrom(normalizeLogin(login));
    out.user = JSON.stringify({
      ...(scopes.has('name') && firstName ? { name: { firstName, ...(lastName ? { lastName } : {}) } } : {}),
      ...(scopes.has('email') ? { email: normalizeLogin(login) } : {}),
    });
  });
}

function interactionPolicyFor(kind: StandInOptions['kind']): unknown[] {
  const prompts = policy.base();
  if (kind === 'google') {
    // Relying parties often send Google prompt=select_account; accept it as a no-op (this OP
    // has one account per browser session) rather than reject the request.
    const selectAccount = new policy.Prompt({ name: 'select_account', requestable: true });
    selectAccount.checks.remove('select_account_prompt');
    prompts.add(selectAccount);
  }
  return prompts;
}

function registerClients(options: StandInOptions): { metadata: object[]; appleSecrets: Map<string, string> } {
  const appleSecrets = new Map<string, string>();
  const metadata = options.clients.map((client) => {
    const common = {
      client_id: client.clientId,
      redirect_uris: client.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
    };
    if (client.public) {
      // oidc-provider only lets 'native' clients use custom schemes (com.example.app:/cb).
      const custom = client.redirectUris.some((uri) => !/^https?:/.test(uri));
      return { ...common, application_type: custom ? 'native' : 'web', token_endpoint_auth_method: 'none' };
    }
    let secret = client.clientSecret;
    if (options.kind === 'apple') {
      // Never seen by the app: swapped in once its signed JWT checks out.
      secret = randomBytes(32).toString('base64url');
      appleSecrets.set(client.clientId, secret);
    }
    if (!secret) throw new Error(`client ${client.clientId} needs a clientSecret or public: true`);
    return { ...common, client_secret: secret, token_endpoint_auth_method: 'client_secret_post' };
  });
  return { metadata, appleSecrets };
}

/**
 * Apple's web client authenticates at the token endpoint with a JWT it signs with its own key
 * (https://developer.apple.com/documentation/accountorganizationaldatasharing/creating-a-client-secret).
 * oidc-provider has no such method, so check the JWT first and, if it holds, hand oidc-provider
 * the static secret it knows; client_secret_post then passes as usual.
 */
function appleClientSecretJwt(
  token: { path?: string },
  issuer: string,
  apple: NonNullable<StandInOptions['apple']>,
  secrets: Map<string, string>,
): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== token.path || !ctx.get('content-type').startsWith('application/x-www-form-urlencoded')) {
      return next();
    }
    const body = querystring.parse((await readBody(ctx.req)).toString('utf8'));
    const clientId = body.client_id;
    const staticSecret = typeof clientId === 'string' ? secrets.get(clientId) : undefined;
    if (staticSecret !== undefined && body.client_secret !== undefined) {
      const problem = await clientSecretProblem(body.client_secret, clientId as string, issuer, apple);
      if (problem) {
        ctx.status = 401;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { error: 'invalid_client', error_description: `client authentication failed: ${problem}` };
        return;
      }
      body.client_secret = staticSecret;
    }
    // The stream is spent; oidc-provider falls back to req.body (with a one-time warning).
    ctx.req.body = body;
    return next();
  };
}

/** Why Apple would refuse this client-secret JWT, or undefined if it would accept it. */
async function clientSecretProblem(
  secret: string | string[],
  clientId: string,
  issuer: string,
  apple: NonNullable<StandInOptions['apple']>,
): Promise<string | undefined> {
  if (typeof secret !== 'string') return 'more than one client_secret';
  try {
    if (decodeProtectedHeader(secret).kid !== apple.keyId) return 'the JWT header kid is not the key id';
    const { payload } = await jwtVerify(secret, apple.publicKey, {
      algorithms: ['ES256'],
      issuer: apple.teamId,
      subject: clientId,
      audience: issuer,
      requiredClaims: ['iat', 'exp'],
    });
    if (payload.exp! - Math.floor(Date.now() / 1000) > APPLE_CLIENT_SECRET_MAX_SECONDS) return 'exp is more than 6 months ahead';
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const BODY_LIMIT = 56 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new Error('request entity too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Warnings oidc-provider repeats for every instance; once per process says it all. */
const PER_INSTANCE_WARNINGS = ['in-memory adapter is used', 'devInteractions is enabled'];
const warned = new Set<string>();

function quietly<T>(build: () => T): T {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const repeating = PER_INSTANCE_WARNINGS.find((w) => String(args[0]).includes(w));
    if (repeating !== undefined) {
      if (warned.has(repeating)) return;
      warned.add(repeating);
    }
    warn.apply(console, args);
  };
  try {
    return build();
  } finally {
    console.warn = warn;
  }
}

interface DiscoveryDocument {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

async function discover(issuer: string): Promise<DiscoveryDocument> {
  const response = await fetch(new URL('/.well-known/openid-configuration', issuer));
  if (!response.ok) throw new Error(`discovery failed: ${response.status}`);
  return (await response.json()) as DiscoveryDocument;
}

// ---------------------------------------------------------------------------------------------
// The browser the driver plays: manual redirects, one cookie jar, stops where the stand-in ends.

const MAX_STEPS = 20;

interface PendingRequest {
  url: URL;
  /** Present: POST these fields as a form. Absent: GET. */
  form?: Record<string, string>;
}

type Page =
  | { kind: 'left'; url: URL }
  | { kind: 'redirect'; url: URL }
  | { kind: 'page'; url: URL; status: number; html: string };

class TinyBrowser {
  // Names are enough: the stand-in never reuses a cookie name for two live paths in one flow.
  private readonly cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  async open({ url, form }: PendingRequest): Promise<Page> {
    // The redirect_uri's host belongs to the app and may not even be up: never go there.
    if (url.origin !== this.origin) return { kind: 'left', url };
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      headers,
      body: form ? new URLSearchParams(form) : undefined,
      redirect: 'manual',
    });
    this.remember(response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      return { kind: 'redirect', url: new URL(location, url) };
    }
    return { kind: 'page', url, status: response.status, html: await response.text() };
  }

  private remember(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', val = ''] = a.trim().split('=');
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The first form on an oidc-provider page: login, consent, or the form_post response. */
function parseForm(html: string, base: URL): { action: URL; fields: Record<string, string> } | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const action = attribute(form[1]!, 'action');
  if (action === undefined) return undefined;
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input\b([^>]*)>/gi)) {
    const name = attribute(input[1]!, 'name');
    if (name !== undefined && attribute(input[1]!, 'type') === 'hidden') fields[name] = attribute(input[1]!, 'value') ?? '';
  }
  return { action: new URL(action, base), fields };
}

function cancelLink(html: string, base: URL): URL {
  const link = /<a\b[^>]*href="([^"]*)"[^>]*>\s*\[ Cancel \]/i.exec(html);
  if (!link) throw new Error('no Cancel link on the consent page');
  return new URL(unescapeHtml(link[1]!), base);
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag);
  return match ? unescapeHtml(match[1]!) : undefined;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);
}

/** Enough of an error page to say what went wrong in a thrown message. */
function textOf(html: string): string {
  return unescapeHtml(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}
