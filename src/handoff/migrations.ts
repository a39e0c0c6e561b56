import { withIdentityColumns, type Migration } from '../storage/migration.js';

const HANDOFF_TABLES = `CREATE TABLE officers (
       login TEXT PRIMARY KEY,
       name TEXT NOT NULL,
       team TEXT NOT NULL,
       role TEXT NOT NULL CHECK (role IN ('officer', 'lead')),
       on_duty INTEGER NOT NULL DEFAULT 1,
       max_open INTEGER NOT NULL DEFAULT 10,
       password_hash TEXT,
       failed_logins INTEGER NOT NULL DEFAULT 0,
       locked_until TEXT,
       wechat_id TEXT,
       created_at TEXT NOT NULL
     );
     CREATE TABLE officer_sessions (
       id_hash TEXT PRIMARY KEY,
       login TEXT NOT NULL REFERENCES officers(login) ON DELETE CASCADE,
       csrf TEXT NOT NULL,
       expires_at TEXT NOT NULL,
       created_at TEXT NOT NULL
     );
     CREATE TABLE tickets (
       no INTEGER PRIMARY KEY AUTOINCREMENT,
       conversation_id TEXT NOT NULL,
       channel TEXT NOT NULL,
       channel_user_id TEXT NOT NULL,
       team TEXT NOT NULL,
       priority TEXT NOT NULL,
       reason TEXT NOT NULL,
       summary_json TEXT NOT NULL,
       tags_json TEXT NOT NULL DEFAULT '[]',
       state TEXT NOT NULL,
       assignee TEXT,
       first_response_due TEXT NOT NULL,
       resolution_due TEXT NOT NULL,
       first_responded_at TEXT,
       resolved_at TEXT,
       escalated_at TEXT,
       rating INTEGER,
       delivery_failed INTEGER NOT NULL DEFAULT 0,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       version INTEGER NOT NULL DEFAULT 1
     );
     CREATE INDEX tickets_by_conversation ON tickets (conversation_id, state);
     CREATE INDEX tickets_by_state ON tickets (state, team);
     CREATE TABLE ticket_events (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       ticket_no INTEGER NOT NULL REFERENCES tickets(no),
       at TEXT NOT NULL,
       actor TEXT NOT NULL,
       type TEXT NOT NULL,
       data_json TEXT NOT NULL DEFAULT '{}'
     );
     CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_no, id);
     CREATE TABLE outbox (
       id TEXT PRIMARY KEY,
       ticket_no INTEGER,
       conversation_id TEXT NOT NULL,
       channel TEXT NOT NULL,
       channel_user_id TEXT NOT NULL,
       role TEXT NOT NULL,
       text TEXT NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0,
       next_attempt_at TEXT NOT NULL,
       delivered_at TEXT,
       failed_at TEXT,
       last_error TEXT,
       created_at TEXT NOT NULL
     );
     CREATE INDEX outbox_pending ON outbox (delivered_at, failed_at, next_attempt_at);
     CREATE TABLE audit_log (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       at TEXT NOT NULL,
       actor TEXT NOT NULL,
       action TEXT NOT NULL,
       data_json TEXT NOT NULL DEFAULT '{}'
     );
     CREATE TABLE curated_proposals (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       ticket_no INTEGER,
       question TEXT NOT NULL,
       answer TEXT NOT NULL,
       keys_json TEXT NOT NULL,
       lang TEXT NOT NULL DEFAULT 'zh',
       status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
       proposed_by TEXT NOT NULL,
       decided_by TEXT,
       created_at TEXT NOT NULL,
       decided_at TEXT
     );
     CREATE TABLE routing_state (team TEXT PRIMARY KEY, last_assigned TEXT);`;

/** Tables of the handoff module: officers and their sessions, tickets, their event log, the outbox. */
export const HANDOFF_MIGRATIONS: readonly Migration[] = [
  {
    name: '101-handoff',
    sql: HANDOFF_TABLES,
    // Identity columns instead of AUTOINCREMENT; the rest is the same SQL.
    postgres: withIdentityColumns(HANDOFF_TABLES),
  },
  {
    name: '102-officer-link-codes',
    sql: `CREATE TABLE officer_link_codes (
       login TEXT PRIMARY KEY REFERENCES officers(login) ON DELETE CASCADE,
       code_hash TEXT NOT NULL,
       expires_at TEXT NOT NULL
     );`,
  },
  {
    // An officer's retried reply (same Idempotency-Key) is stored once and answered with the first result.
    name: '103-reply-idempotency',
    sql: `CREATE TABLE ticket_reply_keys (
       login TEXT NOT NULL,
       key TEXT NOT NULL,
       ticket_no INTEGER NOT NULL REFERENCES tickets(no),
       text_hash TEXT NOT NULL,
       result_json TEXT NOT NULL,
       created_at TEXT NOT NULL,
       PRIMARY KEY (login, key)
     );`,
  },
  {
    // Failed logins per (login, address) and the addresses each officer has logged in from: see login-guard.ts.
    name: '104-officer-login-attempts',
    sql: `CREATE TABLE officer_login_failures (
       login TEXT NOT NULL,
       ip TEXT NOT NULL,
       at TEXT NOT NULL
     );
     CREATE INDEX officer_login_failures_by_login ON officer_login_failures (login, at);
     CREATE INDEX officer_login_failures_by_at ON officer_login_failures (at);
     CREATE TABLE officer_login_addresses (
       login TEXT NOT NULL,
       ip TEXT NOT NULL,
       last_success_at TEXT NOT NULL,
       PRIMARY KEY (login, ip)
     );`,
  },
  {
    // Several instances deliver from one outbox: a message is leased by one instance at a time, and a
    // dead instance's lease runs out so another delivers it. `position` keeps each conversation's order.
    name: '105-outbox-lease',
    sql: `ALTER TABLE outbox ADD COLUMN position INTEGER;
     UPDATE outbox SET position = rowid;
     CREATE TRIGGER outbox_position AFTER INSERT ON outbox WHEN NEW.position IS NULL
       BEGIN UPDATE outbox SET position = NEW.rowid WHERE rowid = NEW.rowid; END;
     ALTER TABLE outbox ADD COLUMN leased_by TEXT;
     ALTER TABLE outbox ADD COLUMN lease_until TEXT;
     CREATE INDEX outbox_by_conversation ON outbox (conversation_id, position);`,
    postgres: `ALTER TABLE outbox ADD COLUMN position BIGSERIAL;
     ALTER TABLE outbox ADD COLUMN leased_by TEXT;
     ALTER TABLE outbox ADD COLUMN lease_until TEXT;
     CREATE INDEX outbox_by_conversation ON outbox (conversation_id, position);`,
  },
];
