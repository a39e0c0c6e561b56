import { createHash } from 'node:crypto';
import { FAVICON_LINK } from '../favicon.js';

/** Options of the demo page. */
export interface DemoPageOptions {
  /** Page title (document title and main heading). */
  title: string;
  /** URL of the widget script, e.g. /widget.js. */
  widgetSrc: string;
  /** Page and widget language. */
  lang: 'zh' | 'en';
}

interface Example {
  ask: string;
  hint: string;
}

interface PageCopy {
  htmlLang: string;
  widgetName: string;
  description: string;
  eyebrow: string;
  lead: string;
  tryIt: string;
  tryQuestion: string;
  consoleLink: string;
  whatHeading: string;
  features: readonly { title: string; text: string }[];
  examplesHeading: string;
  examplesIntro: string;
  groups: readonly { title: string; examples: readonly Example[] }[];
  embedHeading: string;
  embedIntro: string;
  embedHost: string;
  noticeTitle: string;
  notice: string;
  footerOfficers: string;
  footerNote: string;
}

const ZH: PageCopy = {
  htmlLang: 'zh-CN',
  widgetName: '钱小智',
  description: '钱小智：钱塘区人才政策智能助手，回答注明政策条款，个案转政府助才专员。',
  eyebrow: '杭州市钱塘区 · 人才政策咨询',
  lead: '钱小智是钱塘区的人才政策智能助手。它依据《人才新政25条》、已废止的《钱塘人才21条》和 12 份办事指南回答问题，每个回答都注明所依据的条款；遇到个案，就转给政府助才专员跟进。',
  tryIt: '问一个问题试试',
  tryQuestion: '硕士来钱塘有多少生活补贴？',
  consoleLink: '政府助才专员工作台',
  whatHeading: '钱小智能做什么',
  features: [
    { title: '有出处的回答', text: '回答引用到具体条款（如“第五条 青年大学生生活补贴”），展开来源卡片可看原文摘录；已废止的旧政策会标明“已废止”。' },
    { title: '资格判断', text: '说出年龄、学历、毕业时间、来钱塘工作时间、社保月数，钱小智按政策规则判断能否享受、能领多少；信息不够时会追问。' },
    { title: '转人工', text: '个人情况、投诉或对回答不满意时，点“转人工”交给政府助才专员。专员稍后的回复会出现在同一个对话里，关掉页面再回来也能看到。' },
  ],
  examplesHeading: '点一个例子试试',
  examplesIntro: '点击后，问题会发到右下角的钱小智对话窗口。',
  groups: [
    {
      title: '政策问答：看条款引用',
      examples: [
        { ask: '硕士来钱塘有多少生活补贴？', hint: '引用人才新政25条第五条' },
        { ask: '租房补贴要什么材料？', hint: '引用租房补贴办事指南' },
        { ask: '博士入企有什么补助？', hint: '引用第十条 博士入企' },
        { ask: '钱塘人才卡有哪些服务？', hint: '引用第十九条 钱塘人才卡' },
      ],
    },
    {
      title: '资格判断：多轮对话',
      examples: [
        { ask: '我28岁，全日制硕士，2024年毕业，今年3月来钱塘工作，社保交了8个月，能领生活补贴吗', hint: '按规则判断并给出金额和依据' },
        { ask: '我是本科毕业，能领租房补贴吗？', hint: '信息不全时会追问' },
        { ask: '新政和老政策有什么变化？', hint: '对比人才新政25条与已废止的21条' },
      ],
    },
    {
      title: '个案与转人工',
      examples: [
        { ask: '我的生活补贴申请三个月了还没到账，怎么办？', hint: '个案：建议转政府助才专员' },
        { ask: '我想找政府助才专员', hint: '生成工单，专员稍后回复' },
        { ask: '转人工', hint: '直接转接' },
      ],
    },
  ],
  embedHeading: '嵌入到任何网页',
  embedIntro: '在网页中加入一行脚本即可（对话窗口在 Shadow DOM 中渲染，不受页面样式影响）：',
  embedHost: 'https://钱小智服务地址',
  noticeTitle: '关于示例数据',
  notice: '本演示的政策库为示例文本，非官方原文；金额与条件以官方最新发布为准。正式上线时由区委人才办替换为官方文件。',
  footerOfficers: '政府助才专员请登录',
  footerNote: '钱小智 · 钱塘区人才政策智能助手（演示）',
};

const EN: PageCopy = {
  htmlLang: 'en',
  widgetName: 'Qian Xiaozhi',
  description: 'Qian Xiaozhi: a talent-policy assistant for Qiantang District that cites its sources and hands cases to helper officers.',
  eyebrow: 'Qiantang District, Hangzhou · Talent-policy help',
  lead: 'Qian Xiaozhi (钱小智) answers questions about Qiantang District talent policies from the 25 New Talent Policies (人才新政25条), the superseded Qiantang Talent 21 (钱塘人才21条) and 12 service guides, citing the article behind every answer. Individual cases go to a helper officer (政府助才专员).',
  tryIt: 'Ask a question',
  tryQuestion: "How much living subsidy does a master's graduate get in Qiantang?",
  consoleLink: 'Helper-officer console',
  whatHeading: 'What it does',
  features: [
    { title: 'Answers with sources', text: 'Each answer cites its article; expand a source card to read the quoted text. Superseded articles are marked as such.' },
    { title: 'Eligibility checks', text: 'Give your age, degree, graduation year, start date and months of social insurance, and the rules decide what you qualify for. Missing facts are asked for.' },
    { title: 'Human handoff', text: 'For your own case, a complaint, or an unhelpful answer, press "Human officer". The officer’s later reply appears in the same conversation, even after you come back.' },
  ],
  examplesHeading: 'Try an example',
  examplesIntro: 'Clicking one sends it to the chat window at the bottom right.',
  groups: [
    {
      title: 'Policy questions with citations',
      examples: [
        { ask: "How much living subsidy does a master's graduate get in Qiantang?", hint: 'Cites article 5 of the 25 policies' },
        { ask: 'What documents does the rent subsidy need?', hint: 'Cites the rent-subsidy guide' },
        { ask: 'What support is there for PhDs working in companies?', hint: 'Cites article 10' },
      ],
    },
    {
      title: 'Eligibility, over several turns',
      examples: [
        { ask: "I'm 28, with a full-time master's degree, graduated in 2024, started working in Qiantang in March and have paid social insurance for 8 months. Can I get the living subsidy?", hint: 'A rule-based verdict with amount and source' },
        { ask: 'I have a bachelor’s degree. Can I get the rent subsidy?', hint: 'Asks for the missing facts' },
        { ask: 'What changed between the new and the old policy?', hint: 'Compares the 25 policies with the superseded 21' },
      ],
    },
    {
      title: 'Own cases and handoff',
      examples: [
        { ask: 'My living-subsidy application has been pending for three months. What can I do?', hint: 'Own case: suggests a helper officer' },
        { ask: 'I would like to talk to a helper officer', hint: 'Opens a ticket; the officer replies later' },
      ],
    },
  ],
  embedHeading: 'Embed it on any page',
  embedIntro: 'One script tag is enough (the chat renders in a Shadow DOM, so the page’s CSS cannot break it):',
  embedHost: 'https://YOUR-QIANXIAOZHI-HOST',
  noticeTitle: 'About the sample data',
  notice: 'The policy texts behind this demo are an illustrative sample (示例文本，非官方原文；金额与条件以官方最新发布为准), not the official documents: amounts and conditions follow the latest official release.',
  footerOfficers: 'Helper officers:',
  footerNote: 'Qian Xiaozhi · Qiantang talent-policy assistant (demo)',
};

/** The demo page's stylesheet (in a <style> block; see DEMO_PAGE_STYLE_HASH for a CSP without 'unsafe-inline'). */
export const DEMO_PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:16px;line-height:1.7;color:#1f2937;background:#f6f8fb}
a{color:#17488f}
a:focus-visible,button:focus-visible{outline:3px solid #1f5fbf;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:8px;background:#fff;padding:8px 12px;border-radius:6px}
.skip:focus{left:8px;z-index:10}
.wrap{max-width:1160px;margin:0 auto;padding:0 24px}
.hero{background:linear-gradient(135deg,#17488f,#1f5fbf 55%,#2f7fd8);color:#fff;padding:56px 0 64px}
.eyebrow{margin:0 0 8px;font-size:14px;letter-spacing:.04em;opacity:.85}
h1{margin:0 0 16px;font-size:clamp(28px,4vw,40px);line-height:1.25}
.lead{margin:0 0 28px;max-width:44em;font-size:17px;opacity:.95}
.actions{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
.button{display:inline-block;border:0;border-radius:10px;padding:10px 18px;font:inherit;font-weight:600;cursor:pointer;text-decoration:none}
.button-primary{background:#fff;color:#17488f}
.button-ghost{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.6)}
.button-primary:hover{background:#eaf1fc}.button-ghost:hover{background:rgba(255,255,255,.12)}
.hero a:focus-visible,.hero button:focus-visible{outline-color:#fff}
main{padding:40px 0 24px}
section{margin:0 0 44px}
h2{font-size:24px;margin:0 0 16px;line-height:1.3}
h3{font-size:17px;margin:0 0 8px;line-height:1.4}
.features{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:16px;margin:0;padding:0;list-style:none}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:14px;padding:20px}
.card p{margin:0;color:#475467;font-size:15px}
.intro{margin:-8px 0 16px;color:#475467}
.groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:16px}
.group ul{margin:0;padding:0;list-style:none;display:flex;flex-direction:column;gap:10px}
.ask{display:block;width:100%;text-align:left;background:#f6f9ff;border:1px solid #c7d7f0;border-radius:10px;padding:10px 12px;font:inherit;font-size:15px;line-height:1.5;color:#17488f;cursor:pointer}
.ask:hover{background:#eaf1fc;border-color:#1f5fbf}
.hint{display:block;margin-top:4px;font-size:13px;color:#6b7280}
pre{margin:0;background:#0f1b2d;color:#e6edf6;border-radius:12px;padding:16px;overflow-x:auto;font-size:13.5px;line-height:1.6}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.notice{background:#fff7e8;border:1px solid #f3c77a;border-left:5px solid #f59e0b;border-radius:12px;padding:16px 20px;color:#6b4500}
.notice p{margin:0}
.notice-title{font-size:17px;margin:0 0 6px}
footer{border-top:1px solid #e5e7eb;padding:20px 0 32px;color:#6b7280;font-size:14px}
footer p{margin:0 0 4px}
@media (min-width:1100px){main .wrap,.hero .wrap,footer .wrap{margin-left:max(24px,calc((100vw - 1180px) / 2 - 200px));margin-right:440px}}
@media (max-width:480px){.wrap{padding:0 16px}.hero{padding:36px 0 40px}.lead{font-size:16px}}
`;

/** CSP source ('sha256-…') of the demo page's <style> block, for a style-src without 'unsafe-inline'. */
export const DEMO_PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(DEMO_PAGE_CSS, 'utf8').digest('base64')}'`;

/** Escapes text for HTML content and quoted attribute values. */
function esc(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function askButton(example: Example): string {
  return `<li><button type="button" class="ask" data-ask="${esc(example.ask)}">${esc(example.ask)}<span class="hint">${esc(example.hint)}</span></button></li>`;
}

/** The page at GET /: what 钱小智 is, example questions that drive the embedded (open) widget, and the sample-data note. */
export function renderDemoPage(opts: DemoPageOptions): string {
  const c = opts.lang === 'en' ? EN : ZH;
  const embedSrc = /^https?:\/\//i.test(opts.widgetSrc) ? opts.widgetSrc : `${c.embedHost}${opts.widgetSrc.startsWith('/') ? '' : '/'}${opts.widgetSrc}`;
  const snippet = `<script src="${embedSrc}" data-title="${c.widgetName}" data-lang="${opts.lang}" async></script>`;
  const features = c.features.map((f) => `<li class="card"><h3>${esc(f.title)}</h3><p>${esc(f.text)}</p></li>`).join('\n        ');
  const groups = c.groups
    .map((g, i) => `<section class="card group" aria-labelledby="group-${i}"><h3 id="group-${i}">${esc(g.title)}</h3><ul>${g.examples.map(askButton).join('')}</ul></section>`)
    .join('\n        ');
  return `<!doctype html>
<html lang="${c.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title>
${FAVICON_LINK}
<meta name="description" content="${esc(c.description)}">
<link rel="icon" href="data:,">
<style>${DEMO_PAGE_CSS}</style>
</head>
<body>
<a class="skip" href="#examples">${esc(c.examplesHeading)}</a>
<header class="hero">
  <div class="wrap">
    <p class="eyebrow">${esc(c.eyebrow)}</p>
    <h1>${esc(opts.title)}</h1>
    <p class="lead">${esc(c.lead)}</p>
    <div class="actions">
      <button type="button" class="button button-primary" data-ask="${esc(c.tryQuestion)}">${esc(c.tryIt)}</button>
      <a class="button button-ghost" href="/console">${esc(c.consoleLink)}</a>
    </div>
  </div>
</header>
<main>
  <div class="wrap">
    <section aria-labelledby="what">
      <h2 id="what">${esc(c.whatHeading)}</h2>
      <ul class="features">
        ${features}
      </ul>
    </section>
    <section id="examples" aria-labelledby="examples-heading">
      <h2 id="examples-heading">${esc(c.examplesHeading)}</h2>
      <p class="intro">${esc(c.examplesIntro)}</p>
      <div class="groups">
        ${groups}
      </div>
    </section>
    <section aria-labelledby="embed">
      <h2 id="embed">${esc(c.embedHeading)}</h2>
      <p class="intro">${esc(c.embedIntro)}</p>
      <pre tabindex="0" aria-labelledby="embed"><code>${esc(snippet)}</code></pre>
    </section>
    <aside class="notice" role="note" aria-labelledby="notice-title" data-testid="demo-sample-notice">
      <h2 id="notice-title" class="notice-title">${esc(c.noticeTitle)}</h2>
      <p>${esc(c.notice)}</p>
    </aside>
  </div>
</main>
<footer>
  <div class="wrap">
    <p>${esc(c.footerOfficers)} <a href="/console">${esc(c.consoleLink)}</a></p>
    <p>${esc(c.footerNote)}</p>
  </div>
</footer>
<script src="${esc(opts.widgetSrc)}" data-title="${esc(c.widgetName)}" data-lang="${opts.lang === 'en' ? 'en' : 'zh'}" data-open="true" async></script>
<script src="/demo.js" defer></script>
</body>
</html>
`;
}
