import { FAVICON_LINK } from '../favicon.js';
import { MARKDOWN_DECORATION_CSS } from '../widget/markdown-decorate.js';

// The HTML shell of GET /console: no inline script (CSP script-src 'self'); the page is built by /console.js.

/** The console's stylesheet (inline <style> is allowed by the CSP). */
export const CONSOLE_CSS = `
:root{--fg:#1f2933;--muted:#4f5a67;--line:#d9dee5;--bg:#f4f6f9;--card:#fff;--brand:#0b5cad;--red:#c62828;--amber:#b26a00;--green:#2e7d32}
*{box-sizing:border-box}
body{margin:0;font:14px/1.55 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--fg);background:var(--bg)}
.top{display:flex;align-items:center;gap:16px;padding:8px 16px;background:var(--brand);color:#fff;flex-wrap:wrap}
.top h1{font-size:17px;margin:0;font-weight:600}.top h1 small{font-weight:400;opacity:.85;margin-left:6px}
#session-bar{display:flex;align-items:center;gap:12px;margin-left:auto;flex-wrap:wrap}
#session-bar .link{background:none;border:0;color:#fff;cursor:pointer;padding:4px 6px;font:inherit;text-decoration:underline}
.duty{display:flex;align-items:center;gap:4px;margin:0;color:#fff;font-size:14px;white-space:nowrap}.duty input{width:auto}
.live{font-size:12px;opacity:.9}.live.offline{color:#ffd54f}
.alert{background:var(--red);color:#fff;border:0;border-radius:12px;padding:3px 10px;font-weight:600;cursor:pointer;animation:pulse 1.2s ease-in-out infinite}
@keyframes pulse{50%{opacity:.6}}
#toast{position:fixed;left:16px;bottom:16px;background:#263238;color:#fff;padding:10px 14px;border-radius:6px;max-width:420px;z-index:10;box-shadow:0 4px 12px rgba(0,0,0,.25)}
main{padding:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin-bottom:12px}
h2{font-size:18px;margin:0 0 8px}h3{font-size:15px;margin:0 0 8px}
.muted{color:var(--muted)}.hint{color:var(--muted);font-size:12px}.error{color:var(--red);min-height:1.5em}
.pre{white-space:pre-wrap;word-break:break-word}
button{font:inherit;padding:6px 12px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
button.primary{background:var(--brand);border-color:var(--brand);color:#fff}
button:disabled{opacity:.5;cursor:not-allowed}
input,select,textarea{font:inherit;padding:6px 8px;border:1px solid var(--line);border-radius:6px;background:#fff;width:100%}
select{width:auto}
label{display:block;margin:8px 0 4px;color:var(--muted);font-size:13px}
.login-view{display:flex;justify-content:center;padding-top:8vh}
.login{width:340px}.login button{width:100%;margin-top:14px}
.work{display:grid;grid-template-columns:minmax(420px,1fr) minmax(0,1.6fr);gap:16px;align-items:start}
@media (max-width:1000px){.work{grid-template-columns:1fr}}
.tabs{display:flex;gap:4px;border-bottom:1px solid var(--line);margin-bottom:8px}
.tab{border:0;border-bottom:2px solid transparent;border-radius:0;background:none}
.tab.active{border-bottom-color:var(--brand);color:var(--brand);font-weight:600}
.filters{display:flex;gap:12px;margin-bottom:8px}.filters label{display:flex;align-items:center;gap:4px;margin:0}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:6px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:12px;white-space:nowrap}
.inbox-table tr.row{cursor:pointer}.inbox-table tr.row:hover{background:#eef4fb}.inbox-table tr.active{background:#dbe9f8}
.inbox-table td{white-space:nowrap}.inbox-table td.question{white-space:normal;min-width:8em;max-width:260px}
.badge{display:inline-block;white-space:nowrap;padding:0 6px;border-radius:4px;background:#eceff3;font-size:12px;margin-right:4px}
.prio-urgent.badge{background:var(--red);color:#fff}.prio-high.badge{background:#ffe0b2;color:var(--amber)}
.state-queued{background:#fff3cd}.state-waiting_user{background:#e3f2fd}.state-resolved,.state-closed{background:#e8f5e9;color:var(--green)}
.sla{display:block;font-size:12px;white-space:nowrap}.sla.overdue,.overdue{color:var(--red);font-weight:600}
.ticket{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:12px;align-items:start}
.ticket .actions{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto}
@media (max-width:1300px){.ticket{grid-template-columns:1fr}.ticket .actions{position:static;max-height:none}}
.composer{position:sticky;bottom:0;z-index:2;margin-bottom:0;box-shadow:0 -4px 12px rgba(15,30,60,.08)}
.composer label{margin-top:0}.composer textarea{resize:vertical;max-height:40vh}
.composer-row{display:flex;justify-content:flex-end;align-items:center;gap:10px;margin-top:6px}
.md>:first-child{margin-top:0}.md>:last-child{margin-bottom:0}
.md p,.md ul,.md ol,.md blockquote,.md pre,.md table{margin:0 0 6px}.md ul,.md ol{padding-left:20px}
.md h1,.md h2,.md h3,.md h4{font-size:14px;margin:8px 0 4px}
.md blockquote{border-left:3px solid var(--line);padding-left:8px;margin-left:0;color:#3d4752}
.md table{display:block;overflow-x:auto;font-size:13px}.md th,.md td{border:1px solid var(--line);padding:4px 6px}.md th{color:var(--fg);white-space:normal}.md tr>:first-child{min-width:3.5em}
.md code{background:#e9edf2;border-radius:3px;padding:0 3px}.md pre{background:#e9edf2;padding:6px;overflow-x:auto}
.md a{color:var(--brand)}
.ticket-head{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-bottom:12px}.ticket-head h2{margin:0 8px 0 0}
dl{display:grid;grid-template-columns:110px 1fr;gap:4px 12px;margin:0}dt{color:var(--muted)}dd{margin:0}
dl.grid{grid-template-columns:repeat(2,110px 1fr)}
.messages,.event-log,.proposals,.unanswered{list-style:none;padding:0;margin:0}
.msg{padding:8px 10px;border-radius:6px;margin-bottom:6px;background:#f7f9fb}
.msg.role-user{background:#fff8e1}.msg.role-officer{background:#e8f5e9}.msg.role-system{background:#eceff1;font-size:13px}
.meta{font-size:12px;color:var(--muted);margin-bottom:2px}
.key{background:#e3eaf3;border-radius:3px;padding:0 4px;margin-left:4px;font-size:12px}
.event{padding:6px 0;border-bottom:1px dashed var(--line)}
.event.note{background:#fff8e1;border-left:3px solid var(--amber);padding-left:8px}
.actions button{margin-top:6px}.actions textarea{resize:vertical}
.inline{display:flex;gap:6px;align-items:center;margin-top:10px}.inline select{flex:1}
.curate{margin-top:12px}.curate summary{cursor:pointer;color:var(--brand)}
.stats{display:flex;gap:12px}.stat{flex:1}.stat .num{font-size:24px;font-weight:600}
.unanswered li{padding:4px 0;border-bottom:1px solid var(--line)}
.placeholder{padding:40px;text-align:center}
.work.wide{grid-template-columns:minmax(0,1fr)}.work.wide>.inbox{display:none}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.nowrap{white-space:nowrap}.spacer{flex:1}
button.small{padding:2px 10px;font-size:13px}.link-button{background:none;border:0;color:var(--brand);text-decoration:underline}
.table-scroll{overflow-x:auto}.library-table td.doc-title{min-width:14em}
.doc-current{background:#e8f5e9;color:var(--green)}.doc-superseded{background:#fff3cd;color:#7a4f00}.doc-expired{background:#eceff1;color:var(--muted)}
.upload-grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr) auto;gap:12px;align-items:end}
.upload-grid select{width:100%}.upload-go button{margin-bottom:1px}
@media (max-width:900px){.upload-grid{grid-template-columns:1fr}}
.manage-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.inline.tight{margin-top:0}.inline.tight select,.inline.tight input{flex:1;min-width:0}
.draft-head{display:flex;align-items:center;gap:8px;flex-wrap:wrap;margin-bottom:8px}.draft-head h3{margin:0}
.warnings{background:#fff8e1;border-left:3px solid var(--amber);padding:6px 10px;margin-bottom:10px}.warnings ul{margin:4px 0 0;padding-left:20px}
.draft-grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.3fr);gap:16px;align-items:start;margin-bottom:12px}
@media (max-width:1000px){.draft-grid{grid-template-columns:1fr}}
.meta-form{border:1px solid var(--line);border-radius:8px;padding:4px 12px 10px;margin:0}.meta-form legend{padding:0 4px;font-weight:600}
.meta-form .field label{margin-top:6px}.meta-form select{width:100%}.field-error{display:block;min-height:0;font-size:12px}
.chunks h4,.impact h4{margin:0 0 6px;font-size:14px}
.chunk-scroll{max-height:340px;overflow:auto;border:1px solid var(--line);border-radius:6px}
.chunk-table td,.chunk-table th{padding:3px 8px}.chunk-table code{font-size:12px}
.chunk-scroll:focus-visible{outline:2px solid var(--brand)}
.diff{margin-bottom:12px}.articles,.hit-list{list-style:none;padding:0;margin:0}
.article{border-left:4px solid var(--line)}.article.change-changed{border-left-color:var(--amber)}.article.change-added{border-left-color:var(--green)}.article.change-removed{border-left-color:var(--red)}
.article-head{display:flex;align-items:center;gap:6px;margin-bottom:6px}.article-head .key{margin-left:0}
.badge.change-changed{background:#ffe0b2;color:#7a4f00}.badge.change-added{background:#e8f5e9;color:var(--green)}.badge.change-removed{background:#ffebee;color:var(--red)}
.figures{display:flex;gap:6px;align-items:baseline;flex-wrap:wrap;margin-bottom:6px}
.figure-list{list-style:none;display:flex;flex-wrap:wrap;gap:6px;padding:0;margin:0}
.figure{background:#f3f6fa;border:1px solid var(--line);border-radius:4px;padding:1px 8px}.figure .before{text-decoration:line-through;color:var(--muted)}.figure .after{color:#7a1f00}
.sentences{list-style:none;padding:0;margin:0}.sentence{padding:4px 0;border-top:1px dashed var(--line)}
.sentence del,.sentence ins{display:block;text-decoration:none;padding:2px 6px;border-radius:4px}
.sentence del{background:#fdf0f0;color:#5f2120}.sentence del::before{content:"原：";color:var(--muted)}
.sentence ins{background:#eef8ef;color:#1e4620;margin-top:2px}.sentence ins::before{content:"新：";color:var(--muted)}
.sentence del mark{background:#f9c9c9;color:inherit;text-decoration:line-through}.sentence ins mark{background:#b9e4bd;color:inherit;font-weight:600}
.impact ul{margin:0 0 8px;padding-left:20px}.warn-text{color:#7a4f00}
.hits textarea{resize:vertical}.hits .check{display:flex;align-items:center;gap:4px;margin:0;color:var(--fg);font-size:13px}.hits .check input{width:auto}
.hit.changed{border-left:4px solid var(--amber)}.changed-badge{background:#ffe0b2;color:#7a4f00}
.hit-question{display:flex;gap:8px;align-items:baseline;margin-bottom:8px}
.hit-pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px}
@media (max-width:900px){.hit-pair{grid-template-columns:1fr}}
.hit-answer{background:#f7f9fb;border-radius:6px;padding:8px 10px}.hit-answer.side-draft{background:#f1f8f2}
.hit.changed .hit-answer.side-draft{background:#eef8ef;outline:1px solid #b9e4bd}
.hit-figures{margin:0 0 8px;font-size:13px}.hit-figures .before{text-decoration:line-through;color:var(--muted)}.hit-figures .after{color:#7a1f00}
.new-key{background:#ffe0b2}.hit-text{max-height:240px;overflow:auto}.hit-text:focus-visible{outline:2px solid var(--brand)}
.hit-same summary{cursor:pointer;color:var(--brand);margin:8px 0}
.rules summary{cursor:pointer}.rules table{margin-top:8px}.rules tr.flagged{background:#fffaf0}.flags{margin:0;padding-left:16px}
.draft-items{list-style:none;padding:0;margin:0}.draft-items li{padding:4px 0}
${MARKDOWN_DECORATION_CSS}`;

/** Options of the console page. */
export interface ConsolePageOptions {
  /** URL of the console script (default /console.js). */
  scriptSrc?: string;
}

const escapeAttr = (s: string): string => s.replace(/&/gu, '&amp;').replace(/"/gu, '&quot;').replace(/</gu, '&lt;');

/** The console page's HTML: a shell the script fills in. */
export function renderConsolePage(options: ConsolePageOptions = {}): string {
  const src = escapeAttr(options.scriptSrc ?? '/console.js');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<title>钱小智 · 政府助才专员工作台</title>
${FAVICON_LINK}
<style>${CONSOLE_CSS}</style>
<script src="${src}" defer></script>
</head>
<body>
<header class="top">
<h1>钱小智<small>政府助才专员工作台</small></h1>
<button id="alert-counter" class="alert" type="button" data-testid="alert-counter" hidden></button>
<nav id="session-bar" aria-label="账号"></nav>
</header>
<div id="toast" role="status" aria-live="polite" hidden></div>
<main id="app"><noscript>工作台需要启用 JavaScript。</noscript></main>
</body>
</html>
`;
}
