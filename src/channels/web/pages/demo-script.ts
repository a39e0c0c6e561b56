/**
 * The demo page's only script, served at /demo.js (the page has no inline script): a click on any
 * `[data-ask]` element asks its question in the widget, waiting for the widget if it is still loading.
 */
export const DEMO_SCRIPT = `(function () {
  'use strict';
  var pending = null;
  function ask(text) {
    var api = window.QianXiaoZhi;
    if (api && typeof api.ask === 'function') {
      api.ask(text);
      return;
    }
    if (pending === null) {
      window.addEventListener('qianxiaozhi:ready', function () {
        var q = pending;
        pending = null;
        if (q && window.QianXiaoZhi) window.QianXiaoZhi.ask(q);
      }, { once: true });
    }
    pending = text;
  }
  document.addEventListener('click', function (event) {
    var target = event.target;
    var trigger = target && typeof target.closest === 'function' ? target.closest('[data-ask]') : null;
    if (!trigger) return;
    var text = trigger.getAttribute('data-ask');
    if (!text) return;
    event.preventDefault();
    ask(text);
  });
})();
`;
