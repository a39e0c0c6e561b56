import type { Migration } from '../../storage/migration.js';

/**
 * Tables of the WeChat channel. `wechat_identities` maps the stable person id the channel hands out
 * (conversation `wechat:<stable_id>`) to the contact id of the current login, which web-protocol
 * puppets change at every login; `wechat_deliveries` remembers how many parts of an outbox message
 * WeChat already accepted, so a retry never sends a part twice.
 */
export const WECHAT_MIGRATIONS: readonly Migration[] = [
  {
    name: '201-wechat',
    sql: `CREATE TABLE wechat_identities (
       stable_id TEXT PRIMARY KEY,
       contact_id TEXT,
       name TEXT NOT NULL,
       handle TEXT,
       alias_state TEXT NOT NULL DEFAULT 'none' CHECK (alias_state IN ('none', 'set', 'failed')),
       alias_tried_at TEXT,
       created_at TEXT NOT NULL,
       seen_at TEXT NOT NULL
     );
     CREATE INDEX wechat_identities_by_contact ON wechat_identities (contact_id);
     CREATE INDEX wechat_identities_by_handle ON wechat_identities (handle);
     CREATE TABLE wechat_deliveries (
       outbox_id TEXT PRIMARY KEY,
       parts_sent INTEGER NOT NULL,
       parts_total INTEGER NOT NULL,
       completed_at TEXT,
       updated_at TEXT NOT NULL
     );`,
  },
];
