import { ApiError } from '../api.js';
import type { ConsoleCtx } from './context.js';

// The console's shared error words speak of tickets; the library's errors need their own.
const LIBRARY_ERROR: Record<string, string> = {
  unsupported_media_type: '文件类型不支持，或内容与扩展名不符（支持 DOCX、PDF、HTML、Markdown、TXT）。',
  payload_too_large: '文件太大，超过了上传上限。',
  bad_request: '文件无法解析或输入有误',
  not_found: '草稿或文件不存在（可能已被他人处理），请刷新政策库。',
  conflict: '政策库刚有变化',
  forbidden: '只有组长可以上传、发布、回滚和修改文件状态。',
};

/** Shows a library action's error in words; the server's detail follows where it helps (parse and conflict errors). */
export function showLibraryError(ctx: ConsoleCtx, err: unknown): void {
  if (!(err instanceof ApiError) || err.status === 401 || err.code === 'network' || !LIBRARY_ERROR[err.code]) return ctx.showError(err);
  const words = LIBRARY_ERROR[err.code]!;
  ctx.notify(err.code === 'bad_request' || err.code === 'conflict' ? `${words}：${err.message}` : words);
}
