import type { DashboardData, HitTest, LibraryDiff, LibraryDocument, LibraryDraft, LibraryImpact, LibraryRule, LibraryVersion, Me, Proposal, SessionInfo, Team, Ticket, TicketDetail } from './api-types.js';

/** An error answer of the API. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Inbox query. */
export interface TicketQuery {
  scope?: 'mine' | 'team' | 'all';
  state?: string;
  team?: string;
}

/** The officer API client: cookie session (sent by the browser) plus the CSRF token held in memory. */
export interface OfficerApi {
  /** Logs in; keeps the CSRF token. */
  login(login: string, password: string): Promise<SessionInfo>;
  /** The current session (after a reload), or undefined when nobody is logged in. */
  me(): Promise<SessionInfo | undefined>;
  /** Login → display name of every officer. */
  directory(): Promise<Map<string, string>>;
  /** Logs out. */
  logout(): Promise<void>;
  tickets(q: TicketQuery): Promise<{ tickets: Ticket[]; serverTime: string }>;
  ticket(no: number): Promise<TicketDetail>;
  claim(no: number, version?: number): Promise<Ticket>;
  reply(no: number, text: string): Promise<Ticket>;
  note(no: number, text: string): Promise<Ticket>;
  transfer(no: number, team: Team): Promise<Ticket>;
  resolve(no: number): Promise<Ticket>;
  priority(no: number, priority: string): Promise<Ticket>;
  curate(no: number, body: { question: string; answer: string; keys: string[] }): Promise<Proposal>;
  proposals(status?: string): Promise<Proposal[]>;
  decide(id: number, verdict: 'approve' | 'reject'): Promise<Proposal>;
  dashboard(): Promise<DashboardData>;
  /** The WeChat channel's status and login QR code (leads). */
  wechat(): Promise<{ enabled: boolean; loggedIn?: boolean; user?: string; lastEvent?: { type: string; at: string }; qrSvg?: string }>;
  duty(onDuty: boolean): Promise<Me>;
  /** Every document of the policy library. */
  library(): Promise<LibraryDocument[]>;
  /** Uploads a file as a draft (a new version of `documentId` when given). Leads only. */
  uploadDraft(file: File, documentId?: string): Promise<LibraryDraft>;
  /** Drafts not yet published (undefined when the server does not list them). */
  drafts(): Promise<LibraryDraft[] | undefined>;
  /** One draft, with its split and warnings. */
  draft(draftId: string): Promise<LibraryDraft>;
  /** The draft's changes against the live version, by article. */
  draftDiff(draftId: string): Promise<LibraryDiff>;
  /** Rules and curated answers citing the draft's changed articles. */
  draftImpact(draftId: string): Promise<LibraryImpact>;
  /** A document's versions, newest first. */
  documentVersions(documentId: string): Promise<LibraryVersion[]>;
  /** Eligibility rules with the article each implements, flagged when the text no longer supports them. */
  libraryRules(): Promise<LibraryRule[]>;
  /** The hit test: the dev set and `questions`, answered live and from the draft. */
  draftHits(draftId: string, questions: readonly string[], withDevSet?: boolean): Promise<HitTest>;
  /** Corrects a draft's metadata (the file is read again with it). Leads only. */
  saveDraftMeta(draftId: string, meta: Record<string, string>): Promise<LibraryDraft>;
  /** Publishes the draft. Leads only. */
  publishDraft(draftId: string): Promise<{ documentId: string; version: number }>;
  /** Makes an earlier version of a document live again. Leads only. */
  rollback(documentId: string, version: number): Promise<{ documentId: string; version: number }>;
  /** Marks a document superseded (by `supersededBy`) or sets its expiry date. Leads only. */
  setDocumentStatus(documentId: string, change: { status?: 'superseded' | 'current'; supersededBy?: string | null; expires?: string | null }): Promise<{ documentId: string; version: number }>;
}

/** Creates the client; `onUnauthorized` runs on any 401 (the session is gone: show the login form). */
export function createApi(base: string, onUnauthorized: () => void): OfficerApi {
  let csrf = '';
  // Bumped on login and logout: a 401 answering a request of an earlier session must not end the current one.
  let epoch = 0;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
    const started = epoch;
    const headers: Record<string, string> = { Accept: 'application/json', ...extra };
    if (method === 'POST') headers['X-CSRF-Token'] = csrf;
    // A form (a file upload) goes as multipart: the browser sets its Content-Type with the boundary.
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}) });
    } catch {
      throw new ApiError(0, 'network', '网络连接失败，请检查网络后重试。');
    }
    if (res.status === 204) return undefined as T;
    const data = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (!res.ok) {
      const code = data.error?.code ?? 'internal';
      if (res.status === 401 && path !== '/login' && started === epoch) onUnauthorized();
      throw new ApiError(res.status, code, data.error?.message ?? `HTTP ${res.status}`);
    }
    return data as T;
  }

  const post = <T>(path: string, body?: unknown): Promise<T> => call<T>('POST', path, body);
  const ticketPost = async (no: number, action: string, body?: unknown): Promise<Ticket> => (await post<{ ticket: Ticket }>(`/tickets/${no}/${action}`, body)).ticket;

  return {
    async login(login, password) {
      const r = await post<SessionInfo>('/login', { login, password });
      epoch += 1;
      csrf = r.csrfToken;
      return r;
    },
    async me() {
      // /session answers 200 either way: a visit before logging in logs no failed request.
      const r = await call<SessionInfo | { officer: null }>('GET', '/session');
      if (r.officer === null) return undefined;
      const s = r as SessionInfo;
      csrf = s.csrfToken;
      return s;
    },
    async directory() {
      const r = await call<{ officers: { login: string; name: string }[] }>('GET', '/directory');
      return new Map(r.officers.map((o) => [o.login, o.name]));
    },
    async logout() {
      try {
        await post<void>('/logout');
      } finally {
        epoch += 1;
        csrf = '';
      }
    },
    tickets(q) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v) params.set(k, String(v));
      const qs = params.toString();
      return call('GET', `/tickets${qs ? `?${qs}` : ''}`);
    },
    ticket: (no) => call('GET', `/tickets/${no}`),
    claim: (no, version) => ticketPost(no, 'claim', version === undefined ? {} : { version }),
    async reply(no, text) {
      // One key per reply, kept across the retry: when the answer to the first attempt was lost, the
      // server recognises the retry and the person gets the reply once.
      const key = crypto.randomUUID();
      const send = async (): Promise<Ticket> => (await call<{ ticket: Ticket }>('POST', `/tickets/${no}/reply`, { text }, { 'Idempotency-Key': key })).ticket;
      try {
        return await send();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'network') return send();
        throw err;
      }
    },
    note: (no, text) => ticketPost(no, 'note', { text }),
    transfer: (no, team) => ticketPost(no, 'transfer', { team }),
    resolve: (no) => ticketPost(no, 'resolve'),
    priority: (no, priority) => ticketPost(no, 'priority', { priority }),
    async curate(no, body) {
      return (await post<{ proposal: Proposal }>(`/tickets/${no}/curate`, body)).proposal;
    },
    async proposals(status = 'pending') {
      return (await call<{ proposals: Proposal[] }>('GET', `/curated?status=${encodeURIComponent(status)}`)).proposals;
    },
    async decide(id, verdict) {
      return (await post<{ proposal: Proposal }>(`/curated/${id}/${verdict}`)).proposal;
    },
    dashboard: () => call('GET', '/dashboard'),
    wechat: () => call('GET', '/wechat'),
    async duty(onDuty) {
      return (await post<{ officer: Me }>('/duty', { onDuty })).officer;
    },
    async library() {
      return (await call<{ documents: LibraryDocument[] }>('GET', '/library')).documents;
    },
    async uploadDraft(file, documentId) {
      const form = new FormData();
      form.append('file', file, file.name);
      if (documentId) form.append('documentId', documentId);
      return (await post<{ draft: LibraryDraft }>('/library/drafts', form)).draft;
    },
    async drafts() {
      try {
        return (await call<{ drafts: LibraryDraft[] }>('GET', '/library/drafts')).drafts;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 404 || err.status === 405)) return undefined;
        throw err;
      }
    },
    async draft(id) {
      return (await call<{ draft: LibraryDraft }>('GET', `/library/drafts/${encodeURIComponent(id)}`)).draft;
    },
    draftDiff: (id) => call('GET', `/library/drafts/${encodeURIComponent(id)}/diff`),
    draftHits(id, questions, withDevSet = true) {
      const params = new URLSearchParams();
      for (const q of questions) params.append('q', q);
      if (!withDevSet) params.set('eval', '0');
      const qs = params.toString();
      return call('GET', `/library/drafts/${encodeURIComponent(id)}/hits${qs ? `?${qs}` : ''}`);
    },
    async saveDraftMeta(id, meta) {
      return (await post<{ draft: LibraryDraft }>(`/library/drafts/${encodeURIComponent(id)}/meta`, meta)).draft;
    },
    publishDraft: (id) => post(`/library/drafts/${encodeURIComponent(id)}/publish`, {}),
    rollback: (documentId, version) => post(`/library/documents/${encodeURIComponent(documentId)}/rollback`, { version }),
    setDocumentStatus: (documentId, change) => post(`/library/documents/${encodeURIComponent(documentId)}/status`, change),
    async draftImpact(id) {
      const r = await call<LibraryImpact>('GET', `/library/drafts/${encodeURIComponent(id)}/impact`);
      return { rules: r.rules, curated: r.curated };
    },
    async documentVersions(documentId) {
      return (await call<{ versions: LibraryVersion[] }>('GET', `/library/documents/${encodeURIComponent(documentId)}`)).versions;
    },
    async libraryRules() {
      return (await call<{ rules: LibraryRule[] }>('GET', '/library/rules')).rules;
    },
  };
}
