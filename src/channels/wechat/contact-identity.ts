import { randomBytes } from 'node:crypto';
import type { ContactInterface, WechatyInterface } from 'wechaty/impls';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Clock } from '../../core/ports/clock.js';
import type { SqlDb } from '../../storage/sql-db.js';

/**
 * Who a WeChat person is, across logins.
 *
 * Web-protocol puppets hand out new contact ids at every login, so conversations are keyed on a
 * stable id of our own (`wechat:<stableId>`). The keys that survive a re-login:
 *  - the tag `qxz-<stableId>` the bot writes into the contact's alias (备注) the first time the person
 *    writes. WeChat keeps aliases on the account's server, so the tag survives re-logins and even a
 *    lost database; a human-set alias is kept in front of it;
 *  - the WeChat id (微信号, Wechaty's `handle`), when the puppet reports one (pad/Windows/WeCom
 *    protocols do; the web protocol does not);
 *  - and, within one login, the table below: stable id ↔ current contact id, name, WeChat id.
 * A person who writes in is recognised by tag, WeChat id, then contact id (never by name: two people
 * may share a nickname). To deliver, the person is looked up by contact id (if it still is them),
 * WeChat id, tag, and as a last hint the name, when exactly one contact of this login carries it and
 * no other tag. When nothing finds them, delivery throws: the outbox retries, then flags the ticket.
 */
export interface ContactIdentities {
  /** The stable id of a contact who wrote in, creating one (and tagging the alias) the first time. */
  resolve(contact: ContactInterface): Promise<string>;
  /** The current contact of a stable id; AppError('wechat_unroutable') when nobody can be found. */
  locate(stableId: string): Promise<ContactInterface>;
  /** The stored record of a stable id. */
  get(stableId: string): Promise<IdentityRecord | undefined>;
}

/** A row of wechat_identities. */
export interface IdentityRecord {
  /** Our stable person id. */
  stableId: string;
  /** The contact id in the current (or last) login. */
  contactId: string | null;
  /** Last seen WeChat name (a hint only). */
  name: string;
  /** WeChat id (微信号), when the puppet reports it. */
  handle: string | null;
  /** Whether the alias tag is known to be set. */
  aliasState: 'none' | 'set' | 'failed';
  /** Last attempt to write the alias tag. */
  aliasTriedAt: string | null;
}

interface Row {
  stable_id: string;
  contact_id: string | null;
  name: string;
  handle: string | null;
  alias_state: IdentityRecord['aliasState'];
  alias_tried_at: string | null;
}

const TAG_RE = /qxz-([a-z0-9]{10})(?![a-z0-9])/u;
const ALIAS_RETRY_MS = 24 * 3600_000;
const toRecord = (r: Row): IdentityRecord => ({ stableId: r.stable_id, contactId: r.contact_id, name: r.name, handle: r.handle, aliasState: r.alias_state, aliasTriedAt: r.alias_tried_at });

/** The tag a contact's alias carries. */
export const aliasTag = (stableId: string): string => `qxz-${stableId}`;
/** The stable id in an alias, if it carries a tag. */
export const tagOf = (alias: string | undefined | null): string | undefined => (alias ? TAG_RE.exec(alias)?.[1] : undefined);
const newStableId = (): string => Array.from(randomBytes(10), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

/** Creates the identity map over the store (SQLite or PostgreSQL) and the running bot. */
export function createContactIdentities(deps: { db: SqlDb; bot: WechatyInterface; clock: Clock; logger: Logger }): ContactIdentities {
  const { db, bot, clock, logger } = deps;
  const now = (): string => clock.now().toISOString();
  // The newest row of a contact id or WeChat id (stale rows of earlier logins may share them).
  const row = (where: 'stable_id' | 'contact_id' | 'handle', value: string): Promise<Row | undefined> =>
    db.get<Row>(`SELECT * FROM wechat_identities WHERE ${where} = ?${where === 'stable_id' ? '' : ' ORDER BY seen_at DESC LIMIT 1'}`, [value]);
  const get = async (stableId: string): Promise<IdentityRecord | undefined> => {
    const r = await row('stable_id', stableId);
    return r ? toRecord(r) : undefined;
  };
  const aliasTried = async (state: 'set' | 'failed', stableId: string): Promise<void> => {
    await db.run('UPDATE wechat_identities SET alias_state = ?, alias_tried_at = ? WHERE stable_id = ?', [state, now(), stableId]);
  };

  /** Points a stable id at a contact of this login; a contact id belongs to one person at a time. */
  const bind = (stableId: string, contact: ContactInterface): Promise<void> =>
    db.transaction(async (tx) => {
      await tx.run('INSERT INTO wechat_identities (stable_id, contact_id, name, handle, created_at, seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stable_id) DO NOTHING',
        [stableId, null, contact.name(), null, now(), now()]);
      await tx.run('UPDATE wechat_identities SET contact_id = NULL WHERE contact_id = ? AND stable_id <> ?', [contact.id, stableId]);
      await tx.run('UPDATE wechat_identities SET contact_id = ?, name = ?, handle = COALESCE(?, handle), seen_at = ? WHERE stable_id = ?',
        [contact.id, contact.name(), contact.handle() || null, now(), stableId]);
    });

  async function tagAlias(contact: ContactInterface, record: IdentityRecord, current: string | undefined): Promise<void> {
    if (record.aliasState === 'failed' && record.aliasTriedAt && clock.now().getTime() - Date.parse(record.aliasTriedAt) < ALIAS_RETRY_MS) return;
    // A human-set alias is kept in front of the tag.
    const keep = (current ?? '').replace(TAG_RE, '').trim().slice(0, 12);
    const wanted = `${keep === '' ? contact.name().slice(0, 8) : keep} ${aliasTag(record.stableId)}`.trim();
    try {
      await contact.alias(wanted);
      const ok = tagOf(await contact.alias()) === record.stableId;
      await aliasTried(ok ? 'set' : 'failed', record.stableId);
      if (!ok) logger.warn('wechat alias tag not kept; falling back to the id table', { stableId: record.stableId });
    } catch (err) {
      await aliasTried('failed', record.stableId);
      logger.warn('wechat alias tag failed; falling back to the id table', { stableId: record.stableId, error: (err as Error).message });
    }
  }

  /** A contact of this login by id, or undefined (an unknown id only raises a bot error event). */
  async function byId(id: string): Promise<ContactInterface | undefined> {
    try {
      return await bot.Contact.find({ id });
    } catch {
      return undefined;
    }
  }

  /** The one contact (never the bot itself) that passes `accept`, or undefined when none or several do. */
  async function only(list: readonly ContactInterface[], accept: (c: ContactInterface, tag: string | undefined) => boolean): Promise<ContactInterface | undefined> {
    const matches: ContactInterface[] = [];
    for (const c of list) if (!c.self() && accept(c, tagOf(await c.alias()))) matches.push(c);
    return matches.length === 1 ? matches[0] : undefined;
  }

  return {
    get,

    async resolve(contact) {
      const alias = await contact.alias();
      const tagged = tagOf(alias);
      const handle = contact.handle();
      const known = (tagged ? await row('stable_id', tagged) : undefined) ?? (handle ? await row('handle', handle) : undefined) ?? (await row('contact_id', contact.id));
      const stableId = tagged ?? known?.stable_id ?? newStableId();
      await bind(stableId, contact);
      const record = await get(stableId);
      if (record && tagged !== stableId) await tagAlias(contact, record, alias);
      return stableId;
    },

    async locate(stableId) {
      const record = await get(stableId);
      if (!record) throw new AppError('wechat_unroutable', `Unknown WeChat person ${stableId}`);
      const ours = (tag: string | undefined): boolean => tag === undefined || tag === stableId;
      // This login's id still, unless it now belongs to someone else (another tag, or no tag and another name).
      const current = record.contactId ? await byId(record.contactId) : undefined;
      let found = current ? await only([current], (c, tag) => tag === stableId || (ours(tag) && c.name() === record.name)) : undefined;
      let how = 'id';
      if (!found) {
        // One pass over the contacts of this login: WeChat id, then the alias tag, then the name as a last hint.
        const all = await bot.Contact.findAll().catch((err: Error) => {
          logger.warn('wechat contact list failed', { error: err.message });
          return [] as ContactInterface[];
        });
        const steps: [string, (c: ContactInterface, tag: string | undefined) => boolean][] = [
          ['handle', (c, tag) => record.handle !== null && c.handle() === record.handle && ours(tag)],
          ['alias', (_c, tag) => tag === stableId],
          ['name', (c, tag) => record.name !== '' && c.name() === record.name && ours(tag)],
        ];
        for (const [step, accept] of steps) {
          found = await only(all, accept);
          how = step;
          if (found) break;
        }
      }
      if (!found) throw new AppError('wechat_unroutable', `No WeChat contact of this login is ${stableId} (last seen as "${record.name}")`);
      if (how === 'name') logger.warn('wechat contact found by name only', { stableId, contactId: found.id });
      if (found.id !== record.contactId) logger.info('wechat contact found again under a new id', { stableId, how });
      await bind(stableId, found);
      return found;
    },
  };
}
