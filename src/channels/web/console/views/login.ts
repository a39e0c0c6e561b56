import { ApiError, type OfficerApi } from '../api.js';
import type { SessionInfo } from '../api-types.js';
import { h, on } from '../h.js';

/** The log-in form; resolves the session through `onLoggedIn`. */
export function loginView(api: OfficerApi, onLoggedIn: (s: SessionInfo) => void, notice = ''): HTMLElement {
  const login = h('input', { id: 'login-name', name: 'login', autocomplete: 'username', required: true, maxlength: 64, 'data-testid': 'login-name' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 256, 'data-testid': 'login-password' });
  const button = h('button', { type: 'submit', class: 'primary', 'data-testid': 'login-submit' }, '登录');
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'login-error' }, notice);
  const form = h('form', { class: 'login card', 'data-testid': 'login-form', novalidate: true },
    h('h2', {}, '专员登录'),
    h('label', { for: 'login-name' }, '登录名'), login,
    h('label', { for: 'login-password' }, '密码'), password,
    button, error,
    h('p', { class: 'hint' }, '同一设备连续多次密码错误，将暂停该设备登录 15 分钟。'),
  );
  on(form, 'submit', (ev) => {
    ev.preventDefault();
    if (login.value.trim() === '' || password.value === '') {
      error.textContent = '请输入登录名和密码。';
      return;
    }
    button.disabled = true;
    error.textContent = '';
    api.login(login.value.trim(), password.value).then(
      (s) => {
        password.value = '';
        onLoggedIn(s);
      },
      (err: unknown) => {
        button.disabled = false;
        password.value = '';
        password.focus();
        error.textContent = err instanceof ApiError && err.status === 401 ? '登录名或密码错误，或账号已被暂时锁定。'
          : err instanceof ApiError && err.status === 429 ? '尝试次数过多，请稍候再试。'
          : '登录失败，请稍后重试。';
      },
    );
  });
  queueMicrotask(() => login.focus());
  return h('section', { class: 'login-view' }, form);
}

/** A small notice of failed attempts on the account since the officer's previous login, if any. */
export function failedLoginsNotice(session: SessionInfo): HTMLElement | undefined {
  const f = session.failedLogins;
  if (!f || f.count <= 0) return undefined;
  const when = f.lastAt ? `，最近一次在 ${new Date(f.lastAt).toLocaleString('zh-CN', { hour12: false })}` : '';
  const from = f.addresses > 1 ? `（来自 ${f.addresses} 个地址）` : '';
  return h('p', { class: 'hint', role: 'status', 'data-testid': 'failed-logins-notice' },
    `自您上次登录以来，有 ${f.count} 次密码错误的登录尝试${from}${when}。如非本人操作，请告知管理员。`);
}
