import type { DraftWarning, LibraryDocument, LibraryDraft } from '../api-types.js';
import { h, on, select } from '../h.js';
import { DOC_KIND_LABEL } from '../labels.js';
import type { ConsoleCtx } from './context.js';
import { showLibraryError } from './library-errors.js';
import { diffSection } from './library-diff.js';
import { hitTestSection } from './library-hits.js';

/** The metadata fields a lead may correct before publishing. */
const TEXT_FIELDS = [['title', '标题', true], ['shortName', '简称', false], ['issuer', '发文机关', false]] as const;
const DATE_FIELDS = [['effective', '生效日期', true], ['expires', '失效日期', false]] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A warning in words, with the article it concerns. */
function warningItem(w: DraftWarning): HTMLElement {
  if (typeof w === 'string') return h('li', {}, w);
  return h('li', {}, w.key ? h('code', { class: 'key' }, w.key) : null, w.key ? ' ' : null, w.message);
}

/** The metadata form, prefilled from the draft; `read()` gives the values or undefined when invalid (errors shown). */
function metaForm(draft: LibraryDraft, readOnly: boolean): { element: HTMLElement; read(): Record<string, unknown> | undefined } {
  const id = (f: string): string => `meta-${f}-${draft.id}`;
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const errors = new Map<string, HTMLElement>();
  const field = (name: string, label: string, required: boolean, control: HTMLInputElement | HTMLSelectElement): HTMLElement => {
    control.id = id(name);
    control.setAttribute('data-testid', `meta-${name}`);
    if (required) control.setAttribute('aria-required', 'true');
    if (readOnly) control.setAttribute('disabled', '');
    const error = h('span', { class: 'error field-error', id: `${id(name)}-error` });
    control.setAttribute('aria-describedby', error.id);
    inputs.set(name, control);
    errors.set(name, error);
    return h('div', { class: 'field' }, h('label', { for: control.id }, label, required ? ' *' : ''), control, error);
  };
  const element = h('fieldset', { class: 'meta-form', 'data-testid': 'draft-meta' },
    h('legend', {}, '文件信息（从文件中读出，可修改）'),
    h('div', { class: 'field' }, h('label', { for: id('id') }, '文件编号'), h('input', { id: id('id'), value: draft.documentId, readonly: true, 'data-testid': 'meta-id' })),
    ...TEXT_FIELDS.map(([name, label, required]) => field(name, label, required, h('input', { value: text(draft.meta[name]), maxlength: 200 }))),
    field('kind', '类型', true, select({}, Object.entries(DOC_KIND_LABEL), text(draft.meta['kind']) || 'policy')),
    ...DATE_FIELDS.map(([name, label, required]) => field(name, label, required, h('input', { value: text(draft.meta[name]), placeholder: '年-月-日，如 2025-01-01', inputmode: 'numeric', maxlength: 10 }))));

  const read = (): Record<string, unknown> | undefined => {
    const values: Record<string, string> = {};
    for (const [name, control] of inputs) values[name] = control.value.trim();
    const problems: Record<string, string> = {};
    for (const [name, label, required] of [...TEXT_FIELDS, ...DATE_FIELDS]) if (required && !values[name]) problems[name] = `请填写${label}。`;
    for (const [name, label] of DATE_FIELDS) if (values[name] && !DATE.test(values[name]!)) problems[name] = `${label}应为 年-月-日。`;
    if (values['effective'] && values['expires'] && DATE.test(values['effective']) && DATE.test(values['expires']) && values['expires'] <= values['effective']) problems['expires'] = '失效日期应晚于生效日期。';
    for (const [name, error] of errors) {
      error.textContent = problems[name] ?? '';
      const control = inputs.get(name)!;
      if (problems[name]) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    }
    const first = Object.keys(problems)[0];
    if (first) {
      inputs.get(first)?.focus();
      return undefined;
    }
    // Unchanged fields the form does not show (e.g. status) travel back as the server gave them.
    const meta: Record<string, unknown> = { ...draft.meta };
    for (const [name, value] of Object.entries(values)) meta[name] = value === '' ? null : value;
    return meta;
  };
  for (const control of inputs.values()) on(control as HTMLElement, 'change', () => void read());
  return { element, read };
}

/** Options of the draft panel. */
export interface DraftPanelOptions {
  /** The document the draft replaces (undefined for a new document). */
  current: LibraryDocument | undefined;
  /** After a publish: reload the list and close the panel. */
  published(documentId: string, version: number): void;
  /** Closes the panel. */
  close(): void;
}

/** A draft: its metadata, the split into articles, warnings, the diff, the impact, the hit test and (leads) publish. */
export function draftPanel(ctx: ConsoleCtx, uploaded: LibraryDraft, options: DraftPanelOptions): HTMLElement {
  let draft = uploaded;
  const lead = ctx.me.role === 'lead';
  const form = metaForm(draft, !lead);
  // Publishing appends to the history: one after the latest version, whichever is in use.
  const version = (options.current?.latestVersion ?? options.current?.version ?? draft.baseVersion ?? 0) + 1;
  const diffHolder = h('div', { class: 'diff-holder' }, h('p', { class: 'muted' }, '正在比较…'));
  const hits = hitTestSection(ctx, draft.id);
  const publish = h('button', { type: 'button', class: 'primary', 'data-testid': 'draft-publish' }, `发布为第 ${version} 版`);
  const title = h('h3', { id: `draft-title-${draft.id}` }, `草稿：${text(draft.meta['title']) || draft.documentId}`);
  const discard = h('button', { type: 'button', 'data-testid': 'draft-close' }, '关闭草稿');
  on(discard, 'click', () => options.close());
  /** The fields the lead changed (what the server has is the draft as last saved). */
  const edits = (meta: Record<string, unknown>): Record<string, string> => {
    const out: Record<string, string> = {};
    // An emptied optional field keeps the server's value: the API sets values, it does not clear them.
    for (const [k, v] of Object.entries(meta)) if (typeof v === 'string' && v !== '' && v !== text(draft.meta[k])) out[k] = v;
    return out;
  };
  /** Saves the form when it differs from the draft; false when it is invalid or the server refused it. */
  const saveMeta = async (): Promise<boolean> => {
    const meta = form.read();
    if (!meta) {
      ctx.notify('请先修正文件信息中标出的问题。');
      return false;
    }
    const changed = edits(meta);
    if (Object.keys(changed).length === 0) return true;
    try {
      draft = { ...draft, ...(await ctx.api.saveDraftMeta(draft.id, changed)) };
      title.textContent = `草稿：${text(draft.meta['title']) || draft.documentId}`;
      ctx.notify('文件信息已保存。');
      return true;
    } catch (err) {
      showLibraryError(ctx, err);
      return false;
    }
  };
  const save = h('button', { type: 'button', 'data-testid': 'meta-save' }, '保存文件信息');
  if (lead) form.element.append(h('div', { class: 'inline' }, save));
  on(save, 'click', () => {
    save.disabled = true;
    void saveMeta().finally(() => (save.disabled = false));
  });
  on(publish, 'click', () => {
    const meta = form.read();
    if (!meta) return ctx.notify('请先修正文件信息中标出的问题。');
    const name = text(meta['title']) || draft.documentId;
    if (!window.confirm(`确定发布「${name}」（${draft.documentId}）第 ${version} 版？\n发布后所有实例立即改用新版本回答，旧版本保留在历史中，可随时回滚。`)) return;
    publish.disabled = true;
    // Unsaved corrections of the form are saved first: what is published is what the lead sees.
    saveMeta().then(async (ok) => {
      if (!ok) return;
      const r = await ctx.api.publishDraft(draft.id);
      ctx.notify(`已发布「${name}」第 ${r.version} 版。`);
      options.published(r.documentId, r.version);
    }).catch((err: unknown) => showLibraryError(ctx, err)).finally(() => (publish.disabled = false));
  });

  const element = h('section', { class: 'draft card', 'data-testid': 'library-draft', 'aria-labelledby': `draft-title-${draft.id}` },
    h('div', { class: 'draft-head' },
      title,
      h('span', { class: 'badge' }, options.current ? `${draft.documentId} 的新版本（现行第 ${options.current.version} 版）` : '新文件'),
      h('span', { class: 'spacer' }),
      lead ? publish : null, discard),
    draft.warnings.length > 0
      ? h('div', { class: 'warnings', role: 'note', 'data-testid': 'draft-warnings' }, h('strong', {}, `解析提示（${draft.warnings.length}）`), h('ul', {}, ...draft.warnings.map(warningItem)))
      : h('p', { class: 'muted', 'data-testid': 'draft-warnings' }, '解析没有发现问题。'),
    h('div', { class: 'draft-grid' },
      form.element,
      h('div', { class: 'chunks' },
        h('h4', { id: `chunks-${draft.id}` }, `条款切分（${draft.chunks.length} 段）`),
        h('div', { class: 'chunk-scroll', tabindex: 0, role: 'region', 'aria-labelledby': `chunks-${draft.id}` },
          h('table', { class: 'chunk-table', 'data-testid': 'draft-chunks' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '编号'), h('th', { scope: 'col' }, '标题'))),
            h('tbody', {}, ...draft.chunks.map((c) => h('tr', {}, h('td', {}, h('code', {}, c.key)),
              h('td', {}, c.heading, c.parts && c.parts > 1 ? h('span', { class: 'hint' }, `（第 ${c.part ?? 1}/${c.parts} 段）`) : null)))))))),
    diffHolder,
    hits.element);

  Promise.all([ctx.api.draftDiff(draft.id), ctx.api.draftImpact(draft.id)]).then(([d, impact]) => diffHolder.replaceChildren(diffSection({ ...d, impact })), (err: unknown) => {
    diffHolder.replaceChildren(h('p', { class: 'error' }, '无法比较差异。'));
    showLibraryError(ctx, err);
  });
  return element;
}
