/**
 * Support tickets as an anonymous person, a signed-in person, an admin and an attacker see them.
 * Requirements: issue 6 ("Contact support without being signed in … the person gets a mail
 * with the ticket number. Signed-in users can see their tickets and replies. Admins list,
 * answer and close tickets. Rate limited and sized against abuse"; "a freelancer or client
 * gets 403 on every admin route"; "ticket endpoints refuse oversized and malformed input"),
 * ARCHITECTURE.md (answers never tell whether an email is registered; unknown fields rejected).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/server/modules/security/audit.table.js';
import { makeAdmin } from './helpers/admin.js';
import { createTestApp, type TestApp, type TestUser } from './helpers/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TICKETS = '/api/v1/support/tickets';
const OWN = '/api/v1/account/support/tickets';
const ADMIN = '/api/v1/admin/support/tickets';

let t: TestApp;
let admin: TestUser;
let adminCookie: string;
let mailCount = 0;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createUser({ name: 'Support Admin' });
  adminCookie = (await makeAdmin(t, admin)).cookie;
});
afterAll(async () => {
  await t.close();
});

/** A fresh address, so the per-address mail cap of one test never touches another. */
const freshEmail = () => `asker${++mailCount}-${Date.now()}@example.com`;

const open = (body: unknown, auth: { cookie?: string; bearer?: string; ip?: string } = {}) =>
  t.request('POST', TICKETS, { body, ...auth });

async function openTicket(email: string, auth: { cookie?: string } = {}): Promise<number> {
  const response = await open({ email, topic: 'cannot_log_in', message: 'I cannot sign in.' }, auth);
  expect(response.statusCode).toBe(202);
  return response.json().ticketNumber;
}

/** The admin view of the ticket with `number` (the admin queue holds every ticket). */
async function adminTicketByNumber(number: number) {
  const list = await t.request('GET', `${ADMIN}?limit=100`, { cookie: adminCookie });
  expect(list.statusCode).toBe(200);
  const found = list.json().tickets.find((ticket: { number: number }) => ticket.number === number);
  if (!found) throw new Error(`ticket #${number} not in the queue`);
  return found as { id: string; number: number; status: string; userId: string | null; email: string };
}

describe('POST /support/tickets (anonymous)', () => {
  it('answers 202 with a ticket number and mails the number to the address', async () => {
    const email = freshEmail();
    const response = await open({ email: email.toUpperCase(), topic: 'account_suspended', message: 'Why?\n\tPlease help.' });
    expect(response.statusCode).toBe(202);
    const { ticketNumber } = response.json();
    expect(response.json()).toEqual({ ticketNumber: expect.any(Number) });
    const mail = await t.lastMailTo(email);
    expect(mail?.subject).toContain(`#${ticketNumber}`);
    expect(mail?.text).toContain(`#${ticketNumber}`);
    // The confirmation never repeats what was typed: strangers cannot send our mail with their words.
    expect(mail?.text).not.toContain('Please help');

    const ticket = await adminTicketByNumber(ticketNumber);
    expect(ticket).toMatchObject({ email, status: 'open', userId: null });
  });

  it('answers the same for a registered address as for an unknown one, and links neither to an account', async () => {
    const known = await t.createUser();
    const unknown = freshEmail();
    const a = await open({ email: known.email, topic: 'other', message: 'Hello' });
    const b = await open({ email: unknown, topic: 'other', message: 'Hello' });
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(Object.keys(a.json())).toEqual(Object.keys(b.json()));
    expect(a.headers['content-type']).toBe(b.headers['content-type']);
    expect((await t.lastMailTo(known.email))?.subject).toContain(`#${a.json().ticketNumber}`);
    expect((await t.lastMailTo(unknown))?.subject).toContain(`#${b.json().ticketNumber}`);
    expect((await adminTicketByNumber(a.json().ticketNumber)).userId).toBeNull();
  });

  it('links the ticket to the signed-in user, and ignores a dead or forged session', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const linked = await openTicket(freshEmail(), { cookie });
    expect((await adminTicketByNumber(linked)).userId).toBe(user.id);

    const forged = await open({ email: freshEmail(), topic: 'other', message: 'hi' }, { bearer: 'not-a-token' });
    expect(forged.statusCode).toBe(202);
    expect((await adminTicketByNumber(forged.json().ticketNumber)).userId).toBeNull();
  });

  it('still answers 202 past the per-address mail cap, without mailing more', async () => {
    const email = freshEmail();
    const numbers: number[] = [];
    for (let i = 0; i < 7; i++) numbers.push(await openTicket(email));
    const mails = (await t.mail()).filter((m) => m.to === email);
    expect(mails.length).toBe(5);
    expect(new Set(numbers).size).toBe(7);
  });

  it('records the opening in the audit log', async () => {
    const number = await openTicket(freshEmail());
    const rows = await t.platform.db.select().from(auditEvents).where(eq(auditEvents.event, 'support_ticket_opened'));
    expect(rows.some((row) => row.details.ticketNumber === number)).toBe(true);
  });
});

describe('input that is oversized or malformed', () => {
  const valid = { email: 'someone@example.com', topic: 'other', message: 'Hello' };

  it.each([
    ['a message of 5001 characters', { ...valid, message: 'x'.repeat(5001) }],
    ['an empty message', { ...valid, message: '   \n ' }],
    ['a NUL byte in the message', { ...valid, message: 'hello\u0000world' }],
    ['another control character', { ...valid, message: 'bell\u0007' }],
    ['a direction override', { ...valid, message: 'abc\u202edef' }],
    ['a NUL byte in the email', { ...valid, email: 'some\u0000one@example.com' }],
    ['an unknown topic', { ...valid, topic: 'refund' }],
    ['an unknown field', { ...valid, userId: '00000000-0000-0000-0000-000000000000' }],
    ['a missing field', { email: valid.email, topic: valid.topic }],
    ['an invalid email', { ...valid, email: 'not-an-email' }],
    ['a message that is not a string', { ...valid, message: ['a'] }],
  ])('refuses %s with 400 validation_failed', async (_name, body) => {
    const response = await open(body);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });

  it('accepts exactly 5000 characters, with newlines and tabs', async () => {
    const message = `${'x'.repeat(4990)}\n\tline\r\n`;
    expect((await open({ ...valid, email: freshEmail(), message })).statusCode).toBe(202);
  });

  it('refuses malformed JSON with 400 invalid_json', async () => {
    const response = await t.request('POST', TICKETS, { rawBody: '{"email": "a@example.com", "topic": ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_json');
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await t.request('POST', TICKETS, {
      rawBody: JSON.stringify({ ...valid, message: 'x'.repeat(t.config.bodyLimitBytes) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('payload_too_large');
  });

  it('refuses a form post (text/plain) with 415', async () => {
    const response = await t.request('POST', TICKETS, { rawBody: 'email=a', headers: { 'content-type': 'text/plain' } });
    expect(response.statusCode).toBe(415);
  });

  it('refuses the same abuse on replies, never with 500', async () => {
    const user = await t.createUser();
    const cookie = await t.signIn(user);
    const number = await openTicket(freshEmail(), { cookie });
    const { id } = await adminTicketByNumber(number);
    for (const body of [{ message: 'x'.repeat(5001) }, { message: 'a\u0000' }, { message: 'ok', extra: 1 }, {}]) {
      const user_ = await t.request('POST', `${OWN}/${id}/messages`, { cookie, body });
      expect(user_.statusCode).toBe(400);
      const admin_ = await t.request('POST', `${ADMIN}/${id}/reply`, { cookie: adminCookie, body });
      expect(admin_.statusCode).toBe(400);
    }
    const junk = await t.request('POST', `${ADMIN}/${id}/reply`, { cookie: adminCookie, rawBody: '{"message":' });
    expect(junk.json().code).toBe('invalid_json');
    const longReason = await t.request('POST', `${ADMIN}/${id}/close`, { cookie: adminCookie, body: { reason: 'r'.repeat(501) } });
    expect(longReason.statusCode).toBe(400);
    expect((await t.request('GET', `${OWN}/not-a-uuid`, { cookie })).statusCode).toBe(400);
    expect((await t.request('GET', `${ADMIN}?status=pending`, { cookie: adminCookie })).statusCode).toBe(400);
    expect((await t.request('GET', `${ADMIN}?limit=1000`, { cookie: adminCookie })).statusCode).toBe(400);
    expect((await t.request('GET', `${ADMIN}?cursor=abc`, { cookie: adminCookie })).statusCode).toBe(400);
    // Beyond a PostgreSQL integer (ticket numbers): 400, not 500.
    expect((await t.request('GET', `${ADMIN}?cursor=9999999999`, { cookie: adminCookie })).statusCode).toBe(400);
  });
});

describe('a signed-in person and their tickets', () => {
  it('lists tickets opened signed in or with their verified email, reads them, and cannot reach others', async () => {
    const owner = await t.createUser();
    const other = await t.createUser();
    const ownerCookie = await t.signIn(owner);
    const otherCookie = await t.signIn(other);
    const signedIn = await openTicket(freshEmail(), { cookie: ownerCookie });
    const byEmail = await openTicket(owner.email);
    const othersTicket = await openTicket(other.email);

    const list = await t.request('GET', OWN, { cookie: ownerCookie });
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const numbers = list.json().tickets.map((ticket: { number: number }) => ticket.number);
    expect(numbers).toEqual(expect.arrayContaining([signedIn, byEmail]));
    expect(numbers).not.toContain(othersTicket);

    const mine = list.json().tickets.find((ticket: { number: number }) => ticket.number === signedIn);
    expect(mine).toMatchObject({ id: expect.stringMatching(UUID), topic: 'cannot_log_in', status: 'open' });
    const detail = await t.request('GET', `${OWN}/${mine.id}`, { cookie: ownerCookie });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().messages).toEqual([
      { id: expect.stringMatching(UUID), author: 'requester', body: 'I cannot sign in.', createdAt: expect.any(String) },
    ]);

    const theirs = await adminTicketByNumber(othersTicket);
    for (const [method, url, body] of [
      ['GET', `${OWN}/${theirs.id}`, undefined],
      ['POST', `${OWN}/${theirs.id}/messages`, { message: 'let me in' }],
      ['GET', `${OWN}/00000000-0000-4000-8000-000000000000`, undefined],
    ] as const) {
      const response = await t.request(method, url, { cookie: ownerCookie, body });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    expect((await t.request('GET', `${OWN}/${theirs.id}`, { cookie: otherCookie })).statusCode).toBe(200);
  });

  it('asks anonymous callers to sign in', async () => {
    expect((await t.request('GET', OWN)).statusCode).toBe(401);
    expect((await t.request('POST', `${OWN}/00000000-0000-4000-8000-000000000000/messages`, { body: { message: 'x' } })).statusCode).toBe(401);
  });
});

describe('admins and the support queue', () => {
  it('lists, reads, answers (mailing the reply), reopens on a reply and closes, auditing each step', async () => {
    const requester = await t.createUser();
    const cookie = await t.signIn(requester);
    const number = await openTicket(requester.email, { cookie });
    const { id } = await adminTicketByNumber(number);

    const open_ = await t.request('GET', `${ADMIN}?status=open&limit=100`, { cookie: adminCookie });
    expect(open_.json().tickets.map((x: { id: string }) => x.id)).toContain(id);

    const detail = await t.request('GET', `${ADMIN}/${id}`, { cookie: adminCookie });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().ticket).toMatchObject({ id, number, userId: requester.id, emailAccountId: requester.id, status: 'open' });
    expect(detail.json().messages[0]).toMatchObject({ author: 'requester', adminId: null });

    // Messages are listed by time; people write seconds apart, the test clock does not move by itself.
    t.clock.advance(1000);
    const answer = 'Hello,\n\nYour account is fine. <b>Try</b> again & tell us.';
    const reply = await t.request('POST', `${ADMIN}/${id}/reply`, { cookie: adminCookie, body: { message: answer } });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ id, status: 'answered' });
    const mail = await t.lastMailTo(requester.email);
    expect(mail?.subject).toContain(`#${number}`);
    expect(mail?.text).toContain('Your account is fine. <b>Try</b> again & tell us.');
    expect(mail?.html).toContain('Your account is fine. &lt;b&gt;Try&lt;/b&gt; again &amp; tell us.');
    expect(mail?.html).not.toContain('<b>Try</b>');

    const answered = await t.request('GET', `${ADMIN}?status=answered&limit=100`, { cookie: adminCookie });
    expect(answered.json().tickets.map((x: { id: string }) => x.id)).toContain(id);

    // The requester sees the answer (without the admin's id) and writes again: the ticket opens again.
    const seen = (await t.request('GET', `${OWN}/${id}`, { cookie })).json();
    expect(seen.ticket.status).toBe('answered');
    expect(seen.messages[1]).toEqual({ id: expect.any(String), author: 'admin', body: answer, createdAt: expect.any(String) });
    t.clock.advance(1000);
    const again = await t.request('POST', `${OWN}/${id}/messages`, { cookie, body: { message: 'Still broken.' } });
    expect(again.statusCode).toBe(200);
    expect(again.json().ticket.status).toBe('open');
    expect(again.json().messages.map((m: { author: string }) => m.author)).toEqual(['requester', 'admin', 'requester']);

    const close = await t.request('POST', `${ADMIN}/${id}/close`, { cookie: adminCookie, body: { reason: 'Solved by mail.' } });
    expect(close.statusCode).toBe(200);
    expect(close.json().status).toBe('closed');
    const noBody = await t.request('POST', `${ADMIN}/${id}/close`, { cookie: adminCookie });
    expect(noBody.statusCode).toBe(200);
    const late = await t.request('POST', `${OWN}/${id}/messages`, { cookie, body: { message: 'Hello?' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ticket_closed');
    expect((await t.request('POST', `${ADMIN}/${id}/reply`, { cookie: adminCookie, body: { message: 'x' } })).json().code).toBe('ticket_closed');

    const events = await t.platform.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.userId, admin.id));
    const forTicket = events.filter((e) => e.details.ticketId === id);
    expect(forTicket.map((e) => e.event)).toEqual(
      expect.arrayContaining(['support_ticket_viewed', 'support_ticket_answered', 'support_ticket_closed']),
    );
    expect(forTicket.find((e) => e.event === 'support_ticket_closed')?.details).toMatchObject({
      adminId: admin.id,
      ticketNumber: number,
      requesterId: requester.id,
      reason: 'Solved by mail.',
    });
  });

  it('pages through the queue with a cursor', async () => {
    for (let i = 0; i < 3; i++) await openTicket(freshEmail());
    const first = (await t.request('GET', `${ADMIN}?limit=2`, { cookie: adminCookie })).json();
    expect(first.tickets).toHaveLength(2);
    expect(first.nextCursor).toBe(String(first.tickets[1].number));
    const second = (await t.request('GET', `${ADMIN}?limit=2&cursor=${first.nextCursor}`, { cookie: adminCookie })).json();
    expect(second.tickets[0].number).toBeLessThan(first.tickets[1].number);
  });

  it('answers 404 for an unknown ticket', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await t.request('GET', `${ADMIN}/${missing}`, { cookie: adminCookie })).statusCode).toBe(404);
    expect((await t.request('POST', `${ADMIN}/${missing}/reply`, { cookie: adminCookie, body: { message: 'x' } })).statusCode).toBe(404);
    expect((await t.request('POST', `${ADMIN}/${missing}/close`, { cookie: adminCookie, body: {} })).statusCode).toBe(404);
  });

  it.each(['freelancer', 'client'] as const)('refuses a %s with 403 forbidden on every admin ticket route', async (role) => {
    const user = await t.createUser({ role });
    const cookie = await t.signIn(user);
    const { id } = await adminTicketByNumber(await openTicket(user.email, { cookie }));
    for (const [method, url, body] of [
      ['GET', ADMIN, undefined],
      ['GET', `${ADMIN}?status=open`, undefined],
      ['GET', `${ADMIN}/${id}`, undefined],
      ['POST', `${ADMIN}/${id}/reply`, { message: 'I answer myself' }],
      ['POST', `${ADMIN}/${id}/close`, {}],
      // The guard runs before validation: a malformed request still answers 403, not 400.
      ['GET', `${ADMIN}?limit=1000`, undefined],
      ['POST', `${ADMIN}/${id}/reply`, { nope: 1 }],
      ['GET', `${ADMIN}/not-a-uuid`, undefined],
    ] as const) {
      const response = await t.request(method, url, { cookie, body });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().code).toBe('forbidden');
      const anonymous = await t.request(method, url, { body });
      expect(anonymous.statusCode).toBe(401);
    }
    const still = (await t.request('GET', `${OWN}/${id}`, { cookie })).json();
    expect(still.ticket.status).toBe('open');
    expect(still.messages).toHaveLength(1);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once an IP has opened its budget of tickets', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_SUPPORT: '2/3600' } });
    try {
      const body = { email: 'someone@example.com', topic: 'other', message: 'hi' };
      const ip = '203.0.113.7';
      expect((await limited.request('POST', TICKETS, { body, ip })).statusCode).toBe(202);
      expect((await limited.request('POST', TICKETS, { body, ip })).statusCode).toBe(202);
      const third = await limited.request('POST', TICKETS, { body, ip });
      expect(third.statusCode).toBe(429);
      expect(third.json().code).toBe('rate_limited');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      expect((await limited.request('POST', TICKETS, { body, ip: '203.0.113.8' })).statusCode).toBe(202);
    } finally {
      await limited.close();
    }
  });
});
