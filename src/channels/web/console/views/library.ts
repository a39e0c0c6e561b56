import type { LibraryDocument, LibraryDraft } from '../api-types.js';
import { h, on, select } from '../h.js';
import { DOC_KIND_LABEL, DOC_STATUS_LABEL, shortTime } from '../labels.js';
import type { ConsoleCtx } from './context.js';
import { showLibraryError } from './library-errors.js';
import { draftPanel } from './library-draft.js';
import { rulesSection } from './library-rules.js';

/** Accepted uploads (the server checks the content; this only narrows the file picker). */
const ACCEPT = '.docx,.pdf,.html,.htm,.md,.markdown,.txt';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Who published a version, in words. */
function publisher(by: string, nameOf: (login: string) => string): string {
  if (by.startsWith('officer:')) return nameOf(by.slice('officer:'.length));
  return { seed: '初始导入', ingest: '命令行导入' }[by] ?? by;
}

/** The versions a document can be rolled back to: those the server lists, else every earlier number. */
function earlierVersions(doc: LibraryDocument, nameOf: (login: string) => string): { version: number; label: string }[] {
  if (doc.versions && doc.versions.length > 0) {
    return doc.versions.filter((v) => v.version !== doc.version).map((v) => ({
      version: v.version,
      label: `第 ${v.version} 版${v.publishedAt ? ` · ${shortTime(v.publishedAt)}` : ''}${v.publishedBy ? ` · ${publisher(v.publishedBy, nameOf)}` : ''}`,
    }));
  }
  const latest = doc.latestVersion ?? doc.version;
  return Array.from({ length: latest }, (_, i) => latest - i).filter((v) => v !== doc.version).map((v) => ({ version: v, label: `第 ${v} 版` }));
}

/** The 政策库 page: every document, and for leads upload, drafts, publish, rollback, superseded and expiry. */
export async function libraryView(ctx: ConsoleCtx): Promise<HTMLElement> {
  const lead = ctx.me.role === 'lead';
  let documents: LibraryDocument[] = [];
  const body = h('tbody');
  const manage = h('div', { class: 'manage-holder' });
  const draftHolder = h('div', { class: 'draft-holder' });
  const draftList = h('div', { class: 'draft-list' });
  const rulesHolder = h('div', { class: 'rules-holder' });
  const target = h('select', { id: 'upload-target', 'data-testid': 'upload-target' });
  const file = h('input', { id: 'upload-file', type: 'file', accept: ACCEPT, 'data-testid': 'upload-file', 'aria-describedby': 'upload-hint' });
  const upload = h('button', { type: 'button', class: 'primary', 'data-testid': 'upload-button' }, '上传并解析');

  const renderTargets = (): void => {
    const chosen = target.value;
    target.replaceChildren(h('option', { value: '' }, '新文件（编号取自文件信息）'), ...documents.map((d) => h('option', { value: d.id }, `${d.title}（${d.id}）的新版本`)));
    target.value = documents.some((d) => d.id === chosen) ? chosen : '';
  };

  const openManage = async (doc: LibraryDocument): Promise<void> => {
    const history = await ctx.api.documentVersions(doc.id).catch(() => undefined);
    const versions = earlierVersions(history ? { ...doc, versions: history } : doc, ctx.nameOf);
    const version = select({ id: 'rollback-version', 'data-testid': 'rollback-version' }, versions.map((v) => [String(v.version), v.label] as [string, string]), String(versions[0]?.version ?? ''));
    const rollback = h('button', { type: 'button', 'data-testid': 'rollback-button', disabled: versions.length === 0 }, '回滚到此版本');
    const successor = select({ id: 'superseded-by', 'data-testid': 'superseded-by' }, documents.filter((d) => d.id !== doc.id).map((d) => [d.id, `${d.title}（${d.id}）`] as [string, string]), doc.supersededBy ?? documents.find((d) => d.id !== doc.id)?.id ?? '');
    const supersede = h('button', { type: 'button', 'data-testid': 'supersede-button' }, '标记为已被替代');
    const expires = h('input', { id: 'set-expires', value: doc.expires ?? '', placeholder: '年-月-日，不填为长期', inputmode: 'numeric', maxlength: 10, 'data-testid': 'set-expires' });
    const setExpiry = h('button', { type: 'button', 'data-testid': 'expires-button' }, '保存失效日期');
    const after = (message: string) => async (): Promise<void> => {
      ctx.notify(message);
      manage.replaceChildren();
      await load();
    };
    on(rollback, 'click', () => {
      const v = Number(version.value);
      if (!Number.isInteger(v) || v <= 0) return;
      if (!window.confirm(`确定把「${doc.title}」（${doc.id}）回滚到第 ${v} 版？所有实例立即改用该版本回答。`)) return;
      rollback.disabled = true;
      ctx.api.rollback(doc.id, v).then((r) => after(`「${doc.title}」已回滚，现行第 ${r.version} 版。`)(), (err: unknown) => {
        rollback.disabled = false;
        showLibraryError(ctx, err);
      });
    });
    on(supersede, 'click', () => {
      if (!successor.value) return ctx.notify('请选择替代它的文件。');
      if (!window.confirm(`确定把「${doc.title}」标记为已被「${successor.value}」替代？之后回答会说明它已不再适用。`)) return;
      ctx.api.setDocumentStatus(doc.id, { status: 'superseded', supersededBy: successor.value }).then(after(`「${doc.title}」已标记为已被替代。`), (err: unknown) => showLibraryError(ctx, err));
    });
    on(setExpiry, 'click', () => {
      const value = expires.value.trim() || null;
      if (value && !/^\d{4}-\d{2}-\d{2}$/u.test(value)) return ctx.notify('失效日期应为 年-月-日，如 2027-09-30。');
      if (value && doc.effective && value <= doc.effective) return ctx.notify('失效日期应晚于生效日期。');
      ctx.api.setDocumentStatus(doc.id, { expires: value }).then(after(value ? `「${doc.title}」将于 ${value} 起按已失效回答。` : `已清除「${doc.title}」的失效日期。`), (err: unknown) => showLibraryError(ctx, err));
    });
    const close = on(h('button', { type: 'button', class: 'link-button', 'data-testid': 'manage-close' }, '收起'), 'click', () => manage.replaceChildren());
    manage.replaceChildren(h('section', { class: 'card manage', 'data-testid': `manage-${doc.id}`, 'aria-labelledby': 'manage-title' },
      h('div', { class: 'draft-head' }, h('h3', { id: 'manage-title' }, `管理：${doc.title}`), h('span', { class: 'spacer' }), close),
      h('div', { class: 'manage-grid' },
        h('div', {}, h('label', { for: version.id }, `回滚（现行第 ${doc.version} 版，共 ${doc.latestVersion ?? doc.version} 版）`), h('div', { class: 'inline tight' }, version, rollback),
          versions.length === 0 ? h('p', { class: 'hint' }, '没有更早的版本。') : null),
        h('div', {}, h('label', { for: successor.id }, '被以下文件替代'), h('div', { class: 'inline tight' }, successor, supersede)),
        h('div', {}, h('label', { for: expires.id }, '失效日期（过期后按已失效回答）'), h('div', { class: 'inline tight' }, expires, setExpiry)))));
    manage.querySelector('select')?.focus();
  };

  const row = (d: LibraryDocument): HTMLTableRowElement => h('tr', { 'data-testid': `library-row-${d.id}` },
    h('td', { class: 'doc-title' }, d.title),
    h('td', {}, h('code', {}, d.id)),
    h('td', {}, DOC_KIND_LABEL[d.kind] ?? d.kind),
    h('td', {}, h('span', { class: `badge doc-${d.status}`, 'data-testid': 'library-status' }, DOC_STATUS_LABEL[d.status] ?? d.status),
      d.supersededBy ? h('span', { class: 'hint' }, ` → ${d.supersededBy}`) : null),
    h('td', { class: 'nowrap' }, d.effective ?? '—', h('br'), h('span', { class: 'muted' }, d.expires ? `至 ${d.expires}` : '长期')),
    h('td', { 'data-testid': 'library-version' }, `第 ${d.version} 版`, d.latestVersion && d.latestVersion !== d.version ? h('span', { class: 'hint' }, `（最新第 ${d.latestVersion} 版）`) : null),
    h('td', {}, String(d.articles)),
    h('td', { class: 'nowrap' }, d.publishedBy ? publisher(d.publishedBy, ctx.nameOf) : '—', h('br'), h('span', { class: 'muted' }, d.publishedAt ? shortTime(d.publishedAt) : '')),
    lead ? h('td', {}, on(h('button', { type: 'button', class: 'small', 'data-testid': `manage-open-${d.id}`, 'aria-label': `管理 ${d.title}` }, '管理'), 'click', () => void openManage(d).catch((err: unknown) => showLibraryError(ctx, err)))) : null);

  const closeDraft = (): void => void draftHolder.replaceChildren();
  const showDraft = (draft: LibraryDraft): void => {
    const current = documents.find((d) => d.id === draft.documentId);
    draftHolder.replaceChildren(draftPanel(ctx, draft, {
      current,
      published: () => {
        closeDraft();
        file.value = '';
        load().catch((err: unknown) => showLibraryError(ctx, err));
      },
      close: closeDraft,
    }));
    draftHolder.querySelector('h3')?.scrollIntoView({ block: 'start' });
  };

  // Drafts waiting for publication: anyone may open one to read its diff and run the hit test.
  const renderDrafts = (drafts: LibraryDraft[] | undefined): void => {
    if (!drafts || drafts.length === 0) return void draftList.replaceChildren();
    draftList.replaceChildren(h('section', { class: 'card', 'data-testid': 'library-drafts', 'aria-labelledby': 'drafts-title' },
      h('h3', { id: 'drafts-title' }, `待发布的草稿（${drafts.length}）`),
      h('ul', { class: 'draft-items' }, ...drafts.map((d) => h('li', {},
        on(h('button', { type: 'button', class: 'small', 'data-testid': `draft-open-${d.id}` }, '查看并测试'), 'click', () => {
          ctx.api.draft(d.id).then(showDraft, (err: unknown) => showLibraryError(ctx, err));
        }), ' ',
        h('strong', {}, text(d.meta['title']) || d.documentId), ' ', h('code', { class: 'key' }, d.documentId),
        h('span', { class: 'muted' }, `${d.fileName ? ` · ${d.fileName}` : ''}${d.createdBy ? ` · ${publisher(d.createdBy, ctx.nameOf)}` : ''}${d.createdAt ? ` 上传于 ${shortTime(d.createdAt)}` : ''}`))))));
  };

  async function load(): Promise<void> {
    const [docs, drafts, rules] = await Promise.all([ctx.api.library(), ctx.api.drafts().catch(() => undefined), ctx.api.libraryRules().catch(() => undefined)]);
    documents = docs;
    body.replaceChildren(...documents.map(row));
    renderTargets();
    renderDrafts(drafts);
    rulesHolder.replaceChildren(...(rules ? [rulesSection(rules)] : []));
  }
  on(upload, 'click', () => {
    const chosen = file.files?.[0];
    if (!chosen) return ctx.notify('请先选择文件。');
    const documentId = target.value || undefined;
    upload.disabled = true;
    draftHolder.replaceChildren(h('p', { class: 'muted', role: 'status' }, `正在解析「${chosen.name}」…`));
    ctx.api.uploadDraft(chosen, documentId).then((draft) => {
      showDraft(draft);
      ctx.api.drafts().then(renderDrafts, () => undefined);
    }, (err: unknown) => {
      closeDraft();
      showLibraryError(ctx, err);
    }).finally(() => (upload.disabled = false));
  });

  await load();
  const headers = ['标题', '编号', '类型', '状态', '生效 / 失效', '版本', '条款数', '发布人 / 时间', ...(lead ? ['操作'] : [])];
  return h('section', { class: 'library', 'data-testid': 'library' },
    h('h2', {}, '政策库'),
    h('div', { class: 'card table-scroll' },
      h('table', { class: 'library-table', 'data-testid': 'library-table' },
        h('caption', { class: 'sr-only' }, '政策库中的全部文件'),
        h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
        body)),
    manage,
    rulesHolder,
    lead ? h('section', { class: 'card upload', 'data-testid': 'library-upload', 'aria-labelledby': 'upload-title' },
      h('h3', { id: 'upload-title' }, '上传新文件或新版本'),
      h('div', { class: 'upload-grid' },
        h('div', {}, h('label', { for: file.id }, '文件'), file),
        h('div', {}, h('label', { for: target.id }, '作为'), target),
        h('div', { class: 'upload-go' }, upload)),
      h('p', { class: 'hint', id: 'upload-hint' }, '支持 Word（DOCX）、PDF、网页（HTML）、Markdown、纯文本；上传后先生成草稿，核对差异和命中测试后再发布。'))
      : h('p', { class: 'muted' }, '上传和发布由组长操作；您可以查看政策库，并对待发布的草稿运行命中测试。'),
    draftList,
    draftHolder);
}
