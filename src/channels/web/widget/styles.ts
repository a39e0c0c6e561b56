// The widget's stylesheet, applied inside its shadow root (host CSS cannot reach in, and this
// cannot leak out). Adopted as a constructable stylesheet where supported, so no inline <style>.

/** The widget's CSS. */
export const WIDGET_CSS = `
:host{all:initial}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.root{--qxz-primary:#1f5fbf;--qxz-primary-dark:#17488f;--qxz-text:#1f2937;--qxz-muted:#6b7280;--qxz-border:#e5e7eb;--qxz-bg:#f6f8fb;--qxz-officer:#9a5b00;--qxz-officer-bg:#fff7e8;--qxz-danger:#b42318;
font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
font-size:14px;line-height:1.6;color:var(--qxz-text);-webkit-font-smoothing:antialiased;text-align:left}
button,textarea{font:inherit;color:inherit}
button{cursor:pointer}
button:disabled{cursor:not-allowed;opacity:.55}
:focus-visible{outline:2px solid var(--qxz-primary);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}

.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:0;
background:var(--qxz-primary);color:#fff;display:flex;align-items:center;justify-content:center;
box-shadow:0 6px 20px rgba(17,50,110,.35);transition:transform .15s ease,background .15s ease}
.launcher:hover{background:var(--qxz-primary-dark);transform:translateY(-1px)}
.launcher:focus-visible{outline:3px solid #fff;box-shadow:0 0 0 6px var(--qxz-primary)}
.launcher svg{width:28px;height:28px}
.unread{position:absolute;top:4px;right:4px;width:14px;height:14px;border-radius:50%;background:#e5484d;border:2px solid #fff}

.panel{position:fixed;right:20px;bottom:92px;z-index:2147483001;width:390px;height:640px;max-height:calc(100vh - 112px);
display:flex;flex-direction:column;background:#fff;border-radius:16px;overflow:hidden;
box-shadow:0 12px 40px rgba(15,30,60,.25),0 0 0 1px rgba(15,30,60,.06)}
.header{display:flex;align-items:center;gap:10px;padding:14px 12px 14px 16px;color:#fff;
background:linear-gradient(135deg,var(--qxz-primary),#2f7fd8)}
.avatar{flex:none;width:36px;height:36px;border-radius:50%;background:rgba(255,255,255,.18);display:flex;align-items:center;justify-content:center}
.avatar svg{width:20px;height:20px}
.heading{flex:1;min-width:0}
.title{margin:0;font-size:16px;font-weight:600;line-height:1.3;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.subtitle{margin:0;font-size:12px;opacity:.85}
.icon-button{flex:none;width:36px;height:36px;border-radius:8px;border:0;background:transparent;color:inherit;display:flex;align-items:center;justify-content:center}
.icon-button:hover{background:rgba(255,255,255,.16)}
.icon-button svg{width:20px;height:20px}
.header .icon-button:focus-visible{outline-color:#fff}

.handoff-notice{margin:0;padding:10px 14px;font-size:13px;background:var(--qxz-officer-bg);color:var(--qxz-officer);border-bottom:1px solid #f3dfb8}
.handoff-notice[data-state="joined"]{background:#ecfdf3;color:#05603a;border-color:#c6f0d8}

.messages{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:16px 14px;background:var(--qxz-bg);display:flex;flex-direction:column;gap:12px}
.welcome{margin:0;padding:12px 14px;background:#fff;border:1px solid var(--qxz-border);border-radius:12px;color:var(--qxz-text)}
.chips{display:flex;flex-direction:column;gap:8px}
.chips-label{margin:0;font-size:12px;color:var(--qxz-muted)}
.chip-list{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}
.chip{border:1px solid #c7d7f0;background:#fff;color:var(--qxz-primary-dark);border-radius:999px;padding:6px 12px;font-size:13px;line-height:1.4;text-align:left}
.chip:hover{background:#eef4fd;border-color:var(--qxz-primary)}

.msg{display:flex;flex-direction:column;gap:6px;max-width:90%}
.msg-user{align-self:flex-end;align-items:flex-end}
.msg-bot,.msg-officer{align-self:flex-start}
.msg-system{align-self:center;max-width:95%}
.label{font-size:12px;color:var(--qxz-muted);display:flex;gap:6px;align-items:center}
.msg-officer .label{color:var(--qxz-officer);font-weight:600}
.bubble{padding:10px 14px;border-radius:14px;background:#fff;border:1px solid var(--qxz-border);overflow-wrap:anywhere;min-width:0}
.msg-user .bubble{background:var(--qxz-primary);color:#fff;border-color:var(--qxz-primary);border-bottom-right-radius:4px;white-space:pre-wrap}
.msg-bot .bubble{border-bottom-left-radius:4px}
.msg-officer .bubble{background:var(--qxz-officer-bg);border-color:#f3c77a;border-left:4px solid #f59e0b;border-bottom-left-radius:4px}
.msg-system .bubble{background:#eef2f7;border:0;border-radius:999px;padding:4px 12px;font-size:12px;color:#475467;text-align:center;white-space:pre-wrap}
.msg[data-pending="true"] .bubble{opacity:.8}
.badge{display:inline-block;padding:0 6px;border-radius:4px;font-size:11px;line-height:18px;font-weight:600;white-space:nowrap}
.badge-curated{background:#e7f0fd;color:var(--qxz-primary-dark)}
.badge-superseded{background:#fde8e7;color:var(--qxz-danger)}

.md>:first-child{margin-top:0}.md>:last-child{margin-bottom:0}
.md p,.md ul,.md ol,.md blockquote,.md pre,.md table{margin:0 0 8px}
.md ul,.md ol{padding-left:20px}
.md h1,.md h2,.md h3,.md h4,.md h5,.md h6{font-size:14px;margin:10px 0 6px;font-weight:600}
.md a{color:var(--qxz-primary);text-decoration:underline}
.md code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;background:#f1f3f6;border-radius:4px;padding:0 4px}
.md pre{background:#f1f3f6;padding:8px;border-radius:6px;overflow-x:auto}
.md pre code{background:none;padding:0}
.md blockquote{border-left:3px solid #cfd8e3;padding-left:10px;color:#475467}
.md table{display:block;overflow-x:auto;border-collapse:collapse;font-size:13px}
.md th,.md td{border:1px solid var(--qxz-border);padding:4px 8px}
.md hr{border:0;border-top:1px solid var(--qxz-border)}
.typing{color:var(--qxz-muted);display:inline-flex;align-items:center;gap:6px}
.dots{display:inline-flex;gap:3px}
.dots span{width:6px;height:6px;border-radius:50%;background:#9aa4b2;animation:qxz-blink 1.2s infinite ease-in-out}
.dots span:nth-child(2){animation-delay:.2s}.dots span:nth-child(3){animation-delay:.4s}
@keyframes qxz-blink{0%,80%,100%{opacity:.25}40%{opacity:1}}

.sources{display:flex;flex-direction:column;gap:6px;width:100%}
.sources-title{margin:0;font-size:12px;color:var(--qxz-muted)}
.source{background:#fff;border:1px solid var(--qxz-border);border-radius:10px;font-size:13px}
.source[data-status="superseded"]{border-color:#f6c9c5}
.source summary{cursor:pointer;padding:8px 10px;display:flex;flex-wrap:wrap;gap:4px 6px;align-items:baseline;list-style-position:inside}
.source-title{font-weight:600}
.source-article{color:#475467}
.source-quote{margin:0;padding:0 12px 10px;color:#475467;white-space:pre-wrap;font-size:12.5px}
.source-note{margin:0;padding:0 12px 4px;color:var(--qxz-muted);font-size:11.5px}
.source-actions{padding:0 12px 10px}
.source-lang-toggle{font:inherit;font-size:12px;background:none;border:1px solid var(--qxz-border);border-radius:6px;padding:3px 8px;cursor:pointer;color:inherit}

.feedback{display:flex;align-items:center;gap:6px;flex-wrap:wrap;font-size:12px;color:var(--qxz-muted)}
.fb-button{display:inline-flex;align-items:center;justify-content:center;border:1px solid var(--qxz-border);background:#fff;color:#475467;border-radius:999px;width:34px;height:28px;padding:0}
.fb-button svg{width:15px;height:15px}
.fb-button:hover:not(:disabled){border-color:var(--qxz-primary)}
.fb-button[aria-pressed="true"]{background:#eef4fd;border-color:var(--qxz-primary);color:var(--qxz-primary)}
.fb-button[aria-pressed="true"]:disabled{opacity:1}
.fb-comment{display:flex;flex-direction:column;gap:6px;width:100%;margin-top:4px}
.fb-comment label{font-size:12px;color:var(--qxz-muted)}
.fb-comment textarea{width:100%;min-height:56px;resize:vertical;border:1px solid var(--qxz-border);border-radius:8px;padding:6px 8px;font-size:13px}
.fb-actions{display:flex;gap:6px}
.small-button{border:1px solid var(--qxz-border);background:#fff;border-radius:6px;padding:3px 10px;font-size:12px}
.small-button.primary{background:var(--qxz-primary);border-color:var(--qxz-primary);color:#fff}

.error{align-self:stretch;display:flex;gap:8px;align-items:center;justify-content:space-between;padding:8px 12px;border-radius:10px;background:#fef3f2;border:1px solid #fecdca;color:var(--qxz-danger);font-size:13px}
.status{align-self:center;font-size:12px;color:var(--qxz-muted)}

.composer{border-top:1px solid var(--qxz-border);padding:10px 12px max(8px,env(safe-area-inset-bottom));background:#fff;display:flex;flex-direction:column;gap:6px}
.composer-row{display:flex;gap:8px;align-items:flex-end}
.input{flex:1;min-height:40px;max-height:120px;resize:none;border:1px solid #cfd6e0;border-radius:10px;padding:8px 10px;line-height:1.5;background:#fff}
.input:focus{border-color:var(--qxz-primary);outline:none;box-shadow:0 0 0 3px rgba(31,95,191,.18)}
.send{flex:none;height:40px;padding:0 16px;border:0;border-radius:10px;background:var(--qxz-primary);color:#fff;font-weight:600}
.send:hover:not(:disabled){background:var(--qxz-primary-dark)}
.tools{display:flex;justify-content:space-between;align-items:center;gap:8px}
.handoff-button{flex:none;white-space:nowrap;border:1px solid #f3c77a;background:var(--qxz-officer-bg);color:var(--qxz-officer);border-radius:999px;padding:2px 12px;font-size:12px}
.handoff-button:hover:not(:disabled){border-color:#f59e0b}
.disclaimer{margin:0;font-size:11px;color:#8a94a3;line-height:1.4;text-align:right}

@media (max-width:480px){
.panel{inset:0;width:100%;height:100%;max-height:none;border-radius:0}
.root[data-open="true"] .launcher{display:none}
.msg{max-width:94%}
.input{font-size:16px}
}
@media (prefers-reduced-motion:reduce){.launcher,.dots span{transition:none;animation:none}}
@media (forced-colors:active){.launcher,.send,.bubble,.chip{border:1px solid CanvasText}}
`;
