import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/channels/web/officer/audit.js';
import { HANDOFF_MIGRATIONS } from '../../src/handoff/migrations.js';
import { libraryCorpus, recordFolderVersions, seedLibrary } from '../../src/library/library-corpus.js';
import { createLibraryStore, type LibraryStore, type NewVersion } from '../../src/library/library-store.js';
import { LIBRARY_MIGRATIONS } from '../../src/library/migrations.js';
import type { SqlDb } from '../../src/storage/sql-db.js';
import { REPO_ROOT } from '../helpers/services.js';
import { STORE_BACKENDS, useTestStores } from '../helpers/store-backends.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const POLICIES = path.join(REPO_ROOT, 'policies');

function version(id: string, body: string, overrides: Partial<NewVersion> = {}): NewVersion {
  return {
    meta: { id, title: `文件${id}`, status: 'current', kind: 'policy', effective: '2024-01-01', expires: '2026-06-30' }, body, fileName: `${id}.md`,
    file: Buffer.from(`原文 ${body}`), hash: `h-${body}`, articles: 1, publishedBy: 'officer:lead', ...overrides,
  };
}

describe.each(STORE_BACKENDS)('policy library store on $name', ({ name, skip }) => {
  const stores = useTestStores(name);
  const tempDirs = useTempDirs();
  let db: SqlDb;
  let library: LibraryStore;
  let now = Date.parse('2026-01-10T02:00:00Z');
  const clock = { now: () => new Date(now) };

  beforeEach(async ({ skip: skipTest }) => {
    if (skip) return skipTest();
    db = await (await stores.create()).open([...HANDOFF_MIGRATIONS, ...LIBRARY_MIGRATIONS]);
    now = Date.parse('2026-01-10T02:00:00Z');
    library = createLibraryStore(db, clock);
  });

  it('numbers versions, keeps the file, switches the version in use both ways', async () => {
    expect(await db.transaction((tx) => library.addVersion(tx, version('t1', '第一条 甲。')))).toBe(1);
    expect(await db.transaction((tx) => library.addVersion(tx, version('t1', '第一条 乙。')))).toBe(2);
    expect((await library.currentOf('t1'))?.body).toBe('第一条 乙。');
    expect((await library.file('t1', 1))?.data.toString()).toBe('原文 第一条 甲。');
    await db.transaction((tx) => library.setCurrent(tx, 't1', 1));
    expect((await library.currentOf('t1'))?.version).toBe(1);
    expect((await library.history('t1')).map((v) => v.version)).toEqual([2, 1]);
    expect(await library.list()).toEqual([expect.objectContaining({ id: 't1', version: 1, latestVersion: 2, status: 'current', articles: 1, publishedBy: 'officer:lead', expires: '2026-06-30' })]);
  });

  it('shows a text past its expiry date as expired, and the knowledge base gets it as no longer in force', async () => {
    await library.addFirstVersion(version('t1', '第一条 甲。'));
    now = Date.parse('2026-07-01T02:00:00Z');
    expect((await library.list())[0]?.status).toBe('expired');
    const { docs } = await libraryCorpus(library, clock)();
    expect(docs[0]?.meta.status).toBe('superseded');
    expect(docs[0]?.hash).toBe('h-第一条 甲。:expired');
  });

  it('a rolled-back transaction records nothing', async () => {
    await expect(db.transaction(async (tx) => {
      await library.addVersion(tx, version('t1', 'x'));
      throw new Error('stop');
    })).rejects.toThrow('stop');
    expect(await library.list()).toEqual([]);
  });

  it('seeds policies/ once, as version 1 of each document, and does it again for nobody', async () => {
    const first = await seedLibrary(library, POLICIES);
    expect(first).toContain('qt25');
    expect(first).toContain('g02');
    expect(await seedLibrary(library, POLICIES)).toEqual([]);
    const qt25 = await library.currentOf('qt25');
    expect(qt25).toMatchObject({ version: 1, articles: 25, publishedBy: 'seed', fileName: 'qt25.md' });
    const { docs } = await libraryCorpus(library, clock)();
    expect(docs.map((d) => d.meta.id)).toEqual([...first].sort());
  });

  it('two seeds at once (two instances starting) record each document once', async () => {
    const [a, b] = await Promise.all([seedLibrary(library, POLICIES), seedLibrary(library, POLICIES)]);
    expect([...a, ...b].filter((id) => id === 'qt25')).toHaveLength(1);
    expect((await library.history('qt25')).length).toBe(1);
  });

  it('ingest records a changed file as the next version, an unchanged one not at all', async () => {
    const dir = await tempDirs({ 'd1.md': '---\nid: d1\ntitle: 测试\nkind: policy\n---\n第一条 甲\n给予5万元。' });
    expect(await recordFolderVersions(db, library, dir)).toEqual({ added: ['d1'], updated: [] });
    expect(await recordFolderVersions(db, library, dir)).toEqual({ added: [], updated: [] });
    const changed = await tempDirs({ 'd1.md': '---\nid: d1\ntitle: 测试\nkind: policy\n---\n第一条 甲\n给予8万元。' });
    expect(await recordFolderVersions(db, library, changed)).toEqual({ added: [], updated: [{ id: 'd1', version: 2 }] });
    expect((await library.currentOf('d1'))?.publishedBy).toBe('ingest');
  });

  it('keeps drafts with their warnings and marks one published', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const saved = await library.saveDraft({ id, documentId: 't1', meta: version('t1', '').meta, body: '第一条 甲。', fileName: 't1.md', file: Buffer.from('abc'), hash: 'h', warnings: [{ code: 'article_empty', message: 'x', key: 't1-1' }], createdBy: 'officer:lead' });
    expect(saved).toMatchObject({ id, documentId: 't1', warnings: [{ code: 'article_empty' }] });
    expect(saved.baseVersion).toBeUndefined();
    expect((await library.draftFile(id))?.data.toString()).toBe('abc');
    await db.transaction(async (tx) => {
      await library.markPublished(tx, id, 3);
      await createAuditLog(tx, clock).record('officer:lead', 'library.publish', { draftId: id });
    });
    expect((await library.draft(id))?.publishedVersion).toBe(3);
    expect((await createAuditLog(db, clock).recent(1))[0]).toMatchObject({ action: 'library.publish' });
  });
});
