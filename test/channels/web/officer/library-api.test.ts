import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../src/config.js';
import { createAuditLog } from '../../../../src/channels/web/officer/audit.js';
import { createApplication, type Application } from '../../../../src/create-application.js';
import { hashPassword } from '../../../../src/handoff/passwords.js';
import { minimalDocx } from '../../../helpers/docx.js';
import { createTestSchema, dropTestSchema, TEST_DATABASE_URL } from '../../../helpers/test-schema.js';
import { postgresAvailable } from '../../../helpers/store-backends.js';
import { waitFor } from '../../../helpers/wait-for.js';
import { QT25_CHANGED_MD } from '../../../library/qt25-sample.js';

const PASSWORD = 'correct horse battery';
let passwordHash = '';
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

interface Instance {
  app: Application;
  base: string;
  stop(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The whole product on 127.0.0.1 (SQLite in its own folder, or a PostgreSQL schema shared by instances). */
async function start(options: { schema?: string; instanceId?: string } = {}): Promise<Instance> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qxz-library-'));
  const app = await createApplication(parseConfig({
    DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000', CONVERSATION_RATE_LIMIT_PER_MINUTE: '1000',
    ...(options.schema ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: options.schema, DATABASE_POOL_SIZE: '4' } : {}),
    ...(options.instanceId ? { INSTANCE_ID: options.instanceId } : {}),
  }));
  await app.officers.upsert({ login: 'lead', name: '李组长', team: '综合', role: 'lead', onDuty: false }, passwordHash);
  await app.officers.upsert({ login: 'ana', name: '安娜', team: '补贴兑现', role: 'officer', onDuty: false }, passwordHash);
  const server: Server = app.web.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const instance: Instance = {
    app, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/officer`,
    async stop() {
      app.endStreams();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  cleanups.push(() => instance.stop());
  return instance;
}

interface Session {
  base: string;
  cookie: string;
  csrf: string;
}

async function logIn(i: Instance, login: string): Promise<Session> {
  const res = await fetch(`${i.base}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: PASSWORD }) });
  expect(res.status).toBe(200);
  return { base: i.base, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

function call(s: Session, method: 'GET' | 'POST', p: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<Response> {
  const form = body instanceof FormData;
  return fetch(`${s.base}${p}`, {
    method,
    headers: { cookie: s.cookie, ...(method === 'POST' && options.csrf !== false ? { 'X-CSRF-Token': s.csrf } : {}), ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}),
  });
}

function upload(s: Session, data: Buffer | string, fileName: string, documentId?: string, options: { csrf?: boolean } = {}): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), fileName);
  if (documentId) form.append('documentId', documentId);
  return call(s, 'POST', '/library/drafts', form, options);
}

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

const ask = async (i: Instance, text: string): Promise<string> =>
  (await i.app.services.assistant.handle({ conversationId: `c-${Math.random()}`, userId: 'u', channel: 'cli', text })).text;

interface DraftBody {
  draft: { id: string; documentId: string; meta: { id: string; title: string }; chunks: { key: string; heading: string }[]; warnings: { code: string }[] };
}

describe('policy library API', () => {
  it('lets officers view and test, and only leads upload, publish and roll back (with the CSRF header)', async () => {
    const a = await start();
    const lead = await logIn(a, 'lead');
    const ana = await logIn(a, 'ana');
    const { documents } = await json<{ documents: { id: string; title: string; kind: string; status: string; version: number; effective: string | null; expires: string | null; articles: number }[] }>(await call(ana, 'GET', '/library'));
    expect(documents.find((d) => d.id === 'qt25')).toMatchObject({ title: '杭州市钱塘区关于进一步加快人才集聚发展的若干政策', kind: 'policy', status: 'current', version: 1, effective: '2022-10-01', expires: '2027-09-30', articles: 25 });
    expect(documents.find((d) => d.id === 'qt21')?.status).toBe('superseded');

    expect((await upload(ana, QT25_CHANGED_MD, 'qt25.md', 'qt25')).status).toBe(403);
    expect((await json<{ error: { code: string } }>(await upload(lead, QT25_CHANGED_MD, 'qt25.md', 'qt25', { csrf: false }), 403)).error.code).toBe('csrf_invalid');
    const { draft } = await json<DraftBody>(await upload(lead, QT25_CHANGED_MD, 'qt25.md', 'qt25'), 201);
    expect(draft).toMatchObject({ documentId: 'qt25', meta: { id: 'qt25' }, warnings: [] });
    expect(draft.chunks.find((c) => c.key === 'qt25-5')?.heading).toBe('第五条 青年大学生生活补贴');

    // Officers may look and test.
    expect((await json<{ articles: { key: string }[] }>(await call(ana, 'GET', `/library/drafts/${draft.id}/diff`))).articles.map((x) => x.key)).toEqual(['qt25-5']);
    const hits = await json<{ items: { question: string; changed: boolean }[] }>(await call(ana, 'GET', `/library/drafts/${draft.id}/hits?eval=0&q=${encodeURIComponent('博士生活补贴现在是多少')}`));
    expect(hits.items).toEqual([expect.objectContaining({ question: '博士生活补贴现在是多少', changed: true })]);

    expect((await call(ana, 'POST', `/library/drafts/${draft.id}/publish`)).status).toBe(403);
    expect((await call(lead, 'POST', `/library/drafts/${draft.id}/publish`, undefined, { csrf: false })).status).toBe(403);
    expect((await call(ana, 'POST', '/library/documents/qt25/rollback', { version: 1 })).status).toBe(403);
    expect((await call(ana, 'POST', '/library/documents/qt25/status', { expires: '2026-01-01' })).status).toBe(403);
    expect(await a.app.library.list().then((l) => l.find((d) => d.id === 'qt25')?.version)).toBe(1);
  });

  it('checks the upload: type by content, the file field, unknown drafts and documents', async () => {
    const a = await start();
    const lead = await logIn(a, 'lead');
    expect((await json<{ error: { code: string } }>(await upload(lead, '第一条 不是 Word 文件', 'qt25.docx', 'qt25'), 415)).error.code).toBe('unsupported_media_type');
    expect((await call(lead, 'POST', '/library/drafts', { file: 'x' })).status).toBe(415);
    expect((await upload(lead, QT25_CHANGED_MD, 'qt25.md', 'nosuchdoc')).status).toBe(404);
    expect((await call(lead, 'GET', '/library/drafts/00000000-0000-4000-8000-000000000000/diff')).status).toBe(404);
    expect((await call(lead, 'POST', '/library/documents/qt25/rollback', { version: 9 })).status).toBe(404);
    // A DOCX with a skipped article number: a new document, its id from the file name; published as its version 1.
    const docx = minimalDocx([{ text: '钱塘区测试办法', heading: 1 }, '第一条 总则', '为测试制定本办法。', '第三条 附则', '自发布之日起施行。']);
    const { draft } = await json<DraftBody>(await upload(lead, docx, 'qt90.docx'), 201);
    expect(draft).toMatchObject({ documentId: 'qt90', meta: { id: 'qt90', title: '钱塘区测试办法' }, warnings: [{ code: 'article_skipped' }] });
    // The metadata form: validated like front matter, the id fixed, earlier edits kept.
    const ana = await logIn(a, 'ana');
    expect((await call(ana, 'POST', `/library/drafts/${draft.id}/meta`, { issuer: '钱塘区' })).status).toBe(403);
    expect((await call(lead, 'POST', `/library/drafts/${draft.id}/meta`, { effective: '2026-01-01', expires: '2025-01-01' })).status).toBe(400);
    expect((await call(lead, 'POST', `/library/drafts/${draft.id}/meta`, { id: 'other' })).status).toBe(400);
    await json(await call(lead, 'POST', `/library/drafts/${draft.id}/meta`, { issuer: '钱塘区人民政府' }));
    const edited = await json<DraftBody & { draft: { meta: Record<string, unknown> } }>(await call(lead, 'POST', `/library/drafts/${draft.id}/meta`, { effective: '2026-01-01', shortName: '测试办法' }));
    expect(edited.draft.meta).toMatchObject({ id: 'qt90', issuer: '钱塘区人民政府', effective: '2026-01-01', shortName: '测试办法', title: '钱塘区测试办法' });
    expect(await json(await call(lead, 'POST', `/library/drafts/${draft.id}/publish`))).toEqual({ documentId: 'qt90', version: 1 });
    expect((await call(lead, 'POST', `/library/drafts/${draft.id}/meta`, { issuer: '钱塘区' })).status).toBe(409);
    expect(a.app.services.knowledge.chunksOf('qt90-3')).toHaveLength(1);
    // A name that cannot be a citation key needs the documentId field.
    expect((await upload(lead, docx, '测试办法.docx')).status).toBe(400);
  });

  it('shows the rules with their articles, and answers a text past the expiry date a lead set as expired', async () => {
    const a = await start();
    const lead = await logIn(a, 'lead');
    const { rules } = await json<{ rules: { id: string; key: string; article: string | null; flags: unknown[] }[] }>(await call(lead, 'GET', '/library/rules'));
    expect(rules.find((r) => r.id === 'living-subsidy')).toEqual({ id: 'living-subsidy', benefit: '青年大学生生活补贴', key: 'qt25-5', article: '第五条 青年大学生生活补贴', flags: [] });
    expect(await ask(a, '博士生活补贴现在是多少')).not.toContain('到期失效');
    const yesterday = new Date(Date.now() - 86_400_000 * 2).toISOString().slice(0, 10);
    expect(await json(await call(lead, 'POST', '/library/documents/qt25/status', { expires: yesterday }))).toEqual({ documentId: 'qt25', version: 2 });
    const { documents } = await json<{ documents: { id: string; status: string; expires: string; version: number }[] }>(await call(lead, 'GET', '/library'));
    expect(documents.find((d) => d.id === 'qt25')).toMatchObject({ status: 'expired', expires: yesterday, version: 2 });
    expect(await ask(a, '博士生活补贴现在是多少')).toContain(`已于${yesterday}到期失效`);
    expect((await call(lead, 'POST', '/library/documents/qt25/status', {})).status).toBe(400);
  });

  it.skipIf(!postgresAvailable)('publishes on one instance and the other answers from the new version; rolls back the same way', async () => {
    const schema = await createTestSchema();
    cleanups.push(() => dropTestSchema(schema));
    const a = await start({ schema, instanceId: 'a' });
    const b = await start({ schema, instanceId: 'b' });
    expect(await ask(b, '博士生活补贴现在是多少')).toContain('10万元');
    const lead = await logIn(a, 'lead');
    const { draft } = await json<DraftBody>(await upload(lead, QT25_CHANGED_MD, 'qt25.md', 'qt25'), 201);

    const diff = await json<{ articles: { key: string; change: string; figures: { before: string; after: string }[] }[] }>(await call(lead, 'GET', `/library/drafts/${draft.id}/diff`));
    expect(diff.articles).toEqual([expect.objectContaining({ key: 'qt25-5', change: 'changed', figures: [expect.objectContaining({ before: '3万元', after: '5万元' }), expect.objectContaining({ before: '10万元', after: '15万元' })] })]);
    const impact = await json<{ rules: { ruleId: string; reason: string }[] }>(await call(lead, 'GET', `/library/drafts/${draft.id}/impact`));
    expect(impact.rules.map((r) => `${r.ruleId}:${r.reason}`)).toEqual(['living-subsidy:cites_changed', 'living-subsidy:figure_mismatch']);

    const hits = await json<{ items: { question: string; live: { answer: string; citations: string[] }; draft: { answer: string; citations: string[] }; changed: boolean }[] }>(
      await call(lead, 'GET', `/library/drafts/${draft.id}/hits?q=${encodeURIComponent('博士生活补贴现在是多少')}`));
    const typed = hits.items[0];
    expect(typed?.question).toBe('博士生活补贴现在是多少');
    expect(typed?.live.answer).toContain('10万元');
    expect(typed?.draft.answer).toContain('15万元');
    expect(typed?.changed).toBe(true);
    expect(hits.items.length).toBeGreaterThan(1);
    expect(hits.items.some((i) => i.question.includes('博士') && i.changed)).toBe(true);

    expect(await json(await call(lead, 'POST', `/library/drafts/${draft.id}/publish`))).toEqual({ documentId: 'qt25', version: 2 });
    expect(await ask(a, '博士生活补贴现在是多少')).toContain('15万元');
    await waitFor(async () => (await ask(b, '博士生活补贴现在是多少')).includes('15万元'), 20_000, 'instance b answers from version 2');
    expect((await call(lead, 'POST', `/library/drafts/${draft.id}/publish`)).status).toBe(409);

    expect(await json(await call(lead, 'POST', '/library/documents/qt25/rollback', { version: 1 }))).toEqual({ documentId: 'qt25', version: 1 });
    await waitFor(async () => (await ask(b, '博士生活补贴现在是多少')).includes('10万元'), 20_000, 'instance b answers from version 1 again');
    const listed = await json<{ documents: { id: string; version: number }[] }>(await call(lead, 'GET', '/library'));
    expect(listed.documents.find((d) => d.id === 'qt25')?.version).toBe(1);

    const actions = (await createAuditLog(a.app.db, { now: () => new Date() }).recent(10)).filter((e) => e.action.startsWith('library.')).map((e) => `${e.actor} ${e.action}`);
    expect(actions).toEqual(['officer:lead library.rollback', 'officer:lead library.publish', 'officer:lead library.upload']);
  });
});
