import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { STORE_MIGRATIONS } from '../../src/store-migrations.js';
import type { Migration } from '../../src/storage/migration.js';
import { openStore } from '../../src/storage/open-store.js';
import type { SqlDb, SqlValue } from '../../src/storage/sql-db.js';

type Rows = Record<string, SqlValue>[];

/**
 * The rows of a SQLite deployment that has been in use for a while: every table holds rows with the
 * values a copy could damage (ids, token hashes, ticket numbers with a gap, JSON text with escapes
 * and Chinese, NULLs, 0/1 flags).
 */
export const DEPLOYMENT_ROWS: Record<string, Rows> = {
  conversations: [
    { id: 'web:c-1', token_hash: 'sha256:7f3a9c0d1e', channel: 'web', user_id: 'widget', lang: 'zh', state_json: '{"profile":{"degree":"master"},"dissatisfiedStreak":1}', created_at: '2026-11-01T01:00:00.000Z', updated_at: '2026-11-01T01:05:00.000Z' },
    { id: 'wechat:s-2', token_hash: 'sha256:00ff', channel: 'wechat', user_id: 's-2', lang: 'en', state_json: null, created_at: '2026-11-02T01:00:00.000Z', updated_at: '2026-11-02T01:00:00.000Z' },
  ],
  messages: [
    { id: 'm-1', conversation_id: 'web:c-1', seq: 1, role: 'user', text: '硕士生活补贴多少？', citations_json: '[]', handoff_json: null, curated: 0, created_at: '2026-11-01T01:00:00.000Z' },
    { id: 'm-2', conversation_id: 'web:c-1', seq: 2, role: 'bot', text: '3万元 [qt25-5]\n"引号" \\ 反斜杠', citations_json: '[{"key":"qt25-5","quote":"硕士3万元\\n"}]', handoff_json: null, curated: 1, created_at: '2026-11-01T01:00:01.000Z' },
    { id: 'm-3', conversation_id: 'web:c-1', seq: 3, role: 'user', text: '转人工', citations_json: '[]', handoff_json: '{"ticketNo":7}', curated: 0, created_at: '2026-11-01T01:01:00.000Z' },
    { id: 'm-4', conversation_id: 'web:c-1', seq: 4, role: 'officer', text: '您好，我是周岚。', citations_json: '[]', handoff_json: null, curated: 0, created_at: '2026-11-01T01:02:00.000Z' },
    { id: 'm-5', conversation_id: 'wechat:s-2', seq: 1, role: 'user', text: 'Housing subsidy?', citations_json: '[]', handoff_json: null, curated: 0, created_at: '2026-11-02T01:00:00.000Z' },
    { id: 'm-6', conversation_id: 'wechat:s-2', seq: 2, role: 'bot', text: 'See article 8.', citations_json: '[]', handoff_json: null, curated: 0, created_at: '2026-11-02T01:00:01.000Z' },
    { id: 'm-7', conversation_id: 'wechat:s-2', seq: 3, role: 'system', text: '', citations_json: '[]', handoff_json: null, curated: 0, created_at: '2026-11-02T01:00:02.000Z' },
  ],
  feedback: [
    { id: 3, conversation_id: 'web:c-1', message_id: 'm-2', rating: 'up', comment: null, created_at: '2026-11-01T01:00:05.000Z' },
    { id: 5, conversation_id: 'wechat:s-2', message_id: 'm-6', rating: 'down', comment: '不够具体', created_at: '2026-11-02T01:00:05.000Z' },
  ],
  officers: [
    { login: 'zhou.lan', name: '周岚', team: '综合', role: 'lead', on_duty: 1, max_open: 10, password_hash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', failed_logins: 0, locked_until: null, wechat_id: 'wxid_zl', created_at: '2026-10-01T00:00:00.000Z' },
    { login: 'li.na', name: '李娜', team: '补贴兑现', role: 'officer', on_duty: 0, max_open: 5, password_hash: null, failed_logins: 2, locked_until: '2026-11-03T00:15:00.000Z', wechat_id: null, created_at: '2026-10-02T00:00:00.000Z' },
  ],
  officer_sessions: [{ id_hash: 'sess-hash-1', login: 'zhou.lan', csrf: 'csrf-1', expires_at: '2026-12-01T00:00:00.000Z', created_at: '2026-11-30T00:00:00.000Z' }],
  officer_link_codes: [{ login: 'li.na', code_hash: 'code-hash', expires_at: '2026-11-30T00:30:00.000Z' }],
  tickets: [1, 2, 7].map((no) => ({
    no,
    conversation_id: no === 7 ? 'web:c-1' : 'wechat:s-2',
    channel: no === 7 ? 'web' : 'wechat',
    channel_user_id: no === 7 ? 'widget' : 's-2',
    team: '综合',
    priority: no === 2 ? 'high' : 'normal',
    reason: 'user_request',
    summary_json: `{"question":"第${no}号","unresolved":"…"}`,
    tags_json: '["安居"]',
    state: no === 1 ? 'resolved' : 'assigned',
    assignee: no === 1 ? null : 'zhou.lan',
    first_response_due: '2026-11-01T02:00:00.000Z',
    resolution_due: '2026-11-02T01:00:00.000Z',
    first_responded_at: no === 7 ? '2026-11-01T01:02:00.000Z' : null,
    resolved_at: no === 1 ? '2026-11-01T03:00:00.000Z' : null,
    escalated_at: null,
    rating: no === 1 ? 5 : null,
    delivery_failed: no === 2 ? 1 : 0,
    created_at: '2026-11-01T01:01:00.000Z',
    updated_at: '2026-11-01T01:02:00.000Z',
    version: no,
  })),
  ticket_events: [
    { id: 1, ticket_no: 1, at: '2026-11-01T01:01:00.000Z', actor: 'system', type: 'created', data_json: '{}' },
    { id: 2, ticket_no: 7, at: '2026-11-01T01:01:00.000Z', actor: 'system', type: 'created', data_json: '{}' },
    { id: 4, ticket_no: 7, at: '2026-11-01T01:02:00.000Z', actor: 'zhou.lan', type: 'replied', data_json: '{"text":"您好"}' },
  ],
  ticket_reply_keys: [{ login: 'zhou.lan', key: 'idem-1', ticket_no: 7, text_hash: 'th', result_json: '{"ok":true}', created_at: '2026-11-01T01:02:00.000Z' }],
  outbox: [
    { id: 'ob-1', ticket_no: 7, conversation_id: 'web:c-1', channel: 'web', channel_user_id: 'widget', role: 'officer', text: '您好，我是周岚。', attempts: 1, next_attempt_at: '2026-11-01T01:02:00.000Z', delivered_at: '2026-11-01T01:02:01.000Z', failed_at: null, last_error: null, created_at: '2026-11-01T01:02:00.000Z' },
    { id: 'ob-2', ticket_no: null, conversation_id: 'wechat:s-2', channel: 'wechat', channel_user_id: 's-2', role: 'system', text: 'x', attempts: 5, next_attempt_at: '2026-11-02T02:00:00.000Z', delivered_at: null, failed_at: '2026-11-02T03:00:00.000Z', last_error: 'timeout', created_at: '2026-11-02T01:00:00.000Z' },
  ],
  audit_log: [
    { id: 1, at: '2026-11-01T00:00:00.000Z', actor: 'zhou.lan', action: 'login', data_json: '{"ip":"10.0.0.1"}' },
    { id: 2, at: '2026-11-01T00:01:00.000Z', actor: 'zhou.lan', action: 'duty', data_json: '{"onDuty":true}' },
  ],
  curated_proposals: [
    { id: 1, ticket_no: 7, question: '硕士补贴？', answer: '3万元', keys_json: '["qt25-5"]', lang: 'zh', status: 'approved', proposed_by: 'zhou.lan', decided_by: 'zhou.lan', created_at: '2026-11-01T04:00:00.000Z', decided_at: '2026-11-01T05:00:00.000Z' },
  ],
  routing_state: [{ team: '综合', last_assigned: 'zhou.lan' }],
  officer_login_failures: [
    { login: 'li.na', ip: '10.0.0.9', at: '2026-11-03T00:00:00.000Z' },
    { login: 'li.na', ip: '10.0.0.9', at: '2026-11-03T00:00:00.000Z' },
  ],
  officer_login_addresses: [{ login: 'zhou.lan', ip: '10.0.0.1', last_success_at: '2026-11-01T00:00:00.000Z' }],
  wechat_identities: [
    { stable_id: 's-2', contact_id: '@abc', name: '王先生', handle: 'wang', alias_state: 'set', alias_tried_at: '2026-11-02T01:00:00.000Z', created_at: '2026-11-02T01:00:00.000Z', seen_at: '2026-11-02T01:00:02.000Z' },
  ],
  wechat_deliveries: [{ outbox_id: 'ob-2', parts_sent: 1, parts_total: 2, completed_at: null, updated_at: '2026-11-02T01:00:01.000Z' }],
  turn_leases: [{ conversation_id: 'web:c-1', owner: 'old-host:3000:1', token: 't-1', expires_at: '2026-11-01T01:05:30.000Z' }],
  rate_limit_hits: [{ key: 'ip:10.0.0.9', window_start: '2026-11-03T00:00:00.000Z', hits: 4 }],
  library_documents: [{ id: 'qt25', current_version: 1, updated_at: '2026-11-04T00:00:00.000Z' }],
  library_versions: [
    { document_id: 'qt25', version: 1, meta_json: '{"id":"qt25","title":"人才新政","status":"current","kind":"policy"}', body: '第五条 生活补贴\n博士10万元。', file_name: 'qt25.md', file_b64: Buffer.from('第五条 博士10万元').toString('base64'), hash: 'h1', articles: 25, published_by: 'seed', published_at: '2026-11-01T00:00:00.000Z' },
    { document_id: 'qt25', version: 2, meta_json: '{"id":"qt25","title":"人才新政","status":"current","kind":"policy"}', body: '第五条 生活补贴\n博士15万元。', file_name: '人才新政.docx', file_b64: 'UEsDBA==', hash: 'h2', articles: 25, published_by: 'officer:zhou.lan', published_at: '2026-11-03T00:00:00.000Z' },
  ],
  library_drafts: [
    { id: '00000000-0000-4000-8000-000000000002', document_id: 'qt25', base_version: 1, meta_json: '{"id":"qt25"}', body: '第五条', file_name: 'qt25.md', file_b64: 'eA==', hash: 'h2', warnings_json: '[{"code":"article_skipped","message":"缺少第3条"}]', created_by: 'officer:zhou.lan', created_at: '2026-11-02T00:00:00.000Z', published_version: 2 },
    { id: '00000000-0000-4000-8000-000000000003', document_id: 'g02', base_version: null, meta_json: '{"id":"g02"}', body: '一、', file_name: 'g02.md', file_b64: 'eQ==', hash: 'h3', warnings_json: '[]', created_by: 'officer:zhou.lan', created_at: '2026-11-03T00:00:00.000Z', published_version: null },
  ],
};

/** Inserts rows by column name (tables in the order given: parents first). */
export async function insertRows(db: SqlDb, rows: Record<string, Rows>): Promise<void> {
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list) {
      const cols = Object.keys(row);
      await db.run(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => row[c] ?? null));
    }
  }
}

/**
 * Temp SQLite deployments removed after each test: `const deployment = useSqliteDeployment()` in a
 * suite, then `await deployment()` gives a DATA_DIR whose store holds DEPLOYMENT_ROWS (or `rows`).
 * `withStore` may change the store before it is closed.
 */
export function useSqliteDeployment(): (options?: { rows?: Record<string, Rows>; migrations?: readonly Migration[]; withStore?: (db: SqlDb) => Promise<void> }) => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return async (options = {}) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qxz-sqlite-deployment-'));
    dirs.push(dataDir);
    const db = await openStore({ kind: 'sqlite', dataDir }, options.migrations ?? STORE_MIGRATIONS);
    try {
      await insertRows(db, options.rows ?? DEPLOYMENT_ROWS);
      await options.withStore?.(db);
    } finally {
      await db.close();
    }
    return dataDir;
  };
}
