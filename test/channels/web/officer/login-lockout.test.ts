import http, { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../../src/channels/web/officer/audit.js';
import { createOfficerAuth, type OfficerAuth } from '../../../../src/channels/web/officer/officer-auth.js';
import { officerRoutes } from '../../../../src/channels/web/officer/officer-routes.js';
import { errorHandler } from '../../../../src/channels/web/http-error.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { AppError } from '../../../../src/core/errors.js';
import { MIN, PASSWORD, startOfficerEnv, T0, type OfficerEnv } from './officer-env.js';

// Five wrong passwords must not let anyone lock an officer out: locks are per (login, address), and
// failures from many addresses only slow further tries down.

let env: OfficerEnv;
beforeAll(async () => {
  env = await startOfficerEnv();
});
afterAll(async () => {
  await env?.close();
});
beforeEach(async () => {
  env.clock.set(T0);
  await env.db.exec('DELETE FROM officer_login_failures; DELETE FROM officer_login_addresses;');
});

const authWith = (maxAttempts?: number): OfficerAuth =>
  createOfficerAuth({ db: env.db, officers: env.officers, clock: env.clock, audit: createAuditLog(env.db, env.clock), ...(maxAttempts ? { lockout: { maxAttempts } } : {}) });

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (AppError.isInstance(err)) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('officer login lockout', () => {
  it('five wrong passwords from one address lock that address only; the officer logs in from elsewhere and hears of them', async () => {
    const auth = authWith();
    for (let i = 0; i < 5; i++) expect((await refusal(auth.login('ana', `wrong ${i}`, { ip: '203.0.113.9' }))).code).toBe('unauthorized');
    expect((await refusal(auth.login('ana', PASSWORD, { ip: '203.0.113.9' }))).code).toBe('unauthorized');
    const ok = await auth.login('ana', PASSWORD, { ip: '10.0.0.5' });
    expect(ok.session.officer.login).toBe('ana');
    expect(ok.failedLogins).toEqual({ count: 5, addresses: 1, lastAt: new Date(T0).toISOString() });
    // Told once: the next login starts from zero.
    expect((await auth.login('ana', PASSWORD, { ip: '10.0.0.5' })).failedLogins).toEqual({ count: 0, addresses: 0 });
    // The locked address stays locked for 15 minutes, then may try again.
    env.clock.advance(14 * MIN);
    expect((await refusal(auth.login('ana', PASSWORD, { ip: '203.0.113.9' }))).code).toBe('unauthorized');
    env.clock.advance(2 * MIN);
    expect((await auth.login('ana', PASSWORD, { ip: '203.0.113.9' })).session.officer.login).toBe('ana');
  });

  it('LOGIN_MAX_ATTEMPTS sets how many failures lock an address', async () => {
    const auth = authWith(3);
    for (let i = 0; i < 3; i++) await refusal(auth.login('bo', 'wrong', { ip: '198.51.100.1' }));
    expect((await refusal(auth.login('bo', PASSWORD, { ip: '198.51.100.1' }))).code).toBe('unauthorized');
    const relaxed = authWith(10);
    expect((await relaxed.login('bo', PASSWORD, { ip: '198.51.100.1' })).failedLogins.count).toBe(3);
  });

  it('failures from many addresses slow further tries down (429 with a growing wait), but never lock the officer out', async () => {
    const auth = authWith();
    // The officer's usual address, known from an earlier login.
    await auth.login('cai', PASSWORD, { ip: '10.0.0.7' });
    env.clock.advance(MIN);
    for (let i = 0; i < 20; i++) await refusal(auth.login('cai', 'guess', { ip: `198.51.100.${i + 1}` }));
    const first = await refusal(auth.login('cai', 'guess', { ip: '198.51.100.200' }));
    expect(first.code).toBe('rate_limited');
    expect(first.details?.['retryAfterSeconds']).toBe(1);
    env.clock.advance(1000);
    expect((await refusal(auth.login('cai', 'guess', { ip: '198.51.100.200' }))).code).toBe('unauthorized');
    const second = await refusal(auth.login('cai', 'guess', { ip: '198.51.100.201' }));
    expect(second.details?.['retryAfterSeconds']).toBe(2);
    // The wait doubles with every further failure, up to five minutes, never more.
    for (let i = 0; i < 12; i++) {
      const wait = await refusal(auth.login('cai', 'guess', { ip: '198.51.100.202' }));
      env.clock.advance(Number(wait.details?.['retryAfterSeconds']) * 1000);
      await refusal(auth.login('cai', 'guess', { ip: `198.51.100.${210 + i}` }));
    }
    expect((await refusal(auth.login('cai', 'guess', { ip: '198.51.100.250' }))).details?.['retryAfterSeconds']).toBe(300);
    // Meanwhile the officer's own address is not held back…
    const own = await auth.login('cai', PASSWORD, { ip: '10.0.0.7' });
    expect(own.failedLogins).toMatchObject({ count: 33, addresses: 33 });
    // …and a success ends the back-off for everyone.
    expect((await auth.login('cai', PASSWORD, { ip: '192.0.2.44' })).session.officer.login).toBe('cai');
  });

  it('an unknown login is refused the same way as a known one', async () => {
    const auth = authWith();
    const codes = async (login: string): Promise<string[]> => {
      const out: string[] = [];
      for (let i = 0; i < 22; i++) out.push((await refusal(auth.login(login, 'guess', { ip: `192.0.2.${i + 1}` }))).code);
      return out;
    };
    expect(await codes('nobody-here')).toEqual(await codes('lead'));
  });
});

describe('POST /api/officer/login', () => {
  /** A login request sent from a chosen loopback address (127.0.0.0/8 is all local on Linux). */
  function loginFrom(localAddress: string, login: string, password: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }> {
    const url = new URL(`${env.base}/login`);
    const payload = JSON.stringify({ login, password });
    return new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  it('answers the back-off with 429 and Retry-After, and the login with the failed attempts since the last one', async () => {
    for (let i = 0; i < 20; i++) expect((await loginFrom(`127.0.1.${i + 1}`, 'lead', 'guess')).status).toBe(401);
    const slowed = await loginFrom('127.0.2.1', 'lead', 'guess');
    expect(slowed.status).toBe(429);
    expect(slowed.headers['retry-after']).toBe('1');
    expect(slowed.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    env.clock.advance(1000);
    const ok = await loginFrom('127.0.2.1', 'lead', PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body['failedLogins']).toEqual({ count: 20, addresses: 20, lastAt: new Date(T0).toISOString() });
  });
});

describe('the per-address login rate limit', () => {
  it('answers 429 JSON with Retry-After', async () => {
    const app = express();
    app.use('/api/officer', officerRoutes({ db: env.db, tickets: env.tickets, officers: env.officers, store: env.store, clock: env.clock, logger: silentLogger, onCuratedApproved: () => undefined, loginRatePerMinute: 2 }));
    app.use(errorHandler(silentLogger));
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/officer/login`;
      const post = (): Promise<Response> => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'ana', password: 'guess' }) });
      expect((await post()).status).toBe(401);
      expect((await post()).status).toBe(401);
      const limited = await post();
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/u);
      expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
