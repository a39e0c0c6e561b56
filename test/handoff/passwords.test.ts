import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/handoff/passwords.js';

const PASSWORD = 'correct horse battery';
let stored = '';
beforeAll(async () => {
  stored = await hashPassword(PASSWORD);
});

describe('hashPassword', () => {
  it('writes scrypt$N$r$p$salt$hash with a 16-byte salt and a 64-byte key', () => {
    const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64url')).toHaveLength(64);
    expect(rest).toEqual([]);
    expect(stored).not.toContain(PASSWORD);
  });

  it('salts every hash', async () => {
    const again = await hashPassword(PASSWORD);
    expect(again).not.toBe(stored);
    expect(await verifyPassword(PASSWORD, again)).toBe(true);
  });
});

describe('verifyPassword', () => {
  it('accepts the password', async () => {
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
  });

  it('refuses a wrong password', async () => {
    expect(await verifyPassword('correct horse battery!', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treats full-width and half-width forms alike (NFKC)', async () => {
    const h = await hashPassword('ｐａｓｓ１２３');
    expect(await verifyPassword('pass123', h)).toBe(true);
  });

  it('refuses a malformed stored hash', async () => {
    const [, , , , salt, hash] = stored.split('$');
    for (const bad of [
      '',
      'not-a-hash',
      `bcrypt$16384$8$1$${salt}$${hash}`,
      `scrypt$16384$8$1$${salt}`,
      `scrypt$16384$8$1$$${hash}`,
      `scrypt$$8$1$${salt}$${hash}`,
      `scrypt$16384$8$1$${salt}$AAAA`,
    ]) {
      expect(await verifyPassword(PASSWORD, bad), bad).toBe(false);
    }
  });

  // A corrupted cost parameter should read as "no match", not crash the login route.
  it('refuses, without throwing, a stored hash with unusable scrypt parameters', async () => {
    const [, , , , salt, hash] = stored.split('$');
    for (const bad of [`scrypt$abc$8$1$${salt}$${hash}`, `scrypt$1000$8$1$${salt}$${hash}`]) {
      await expect(verifyPassword(PASSWORD, bad), bad).resolves.toBe(false);
    }
  });
});
