// The explorer's single page: inline CSS and JS, no external assets. The script keeps the address in the
// URL (?init=&path=&at=), asks the server's JSON API for the view of that address, and renders it with
// textContent only (model strings are never parsed as HTML). Ids and data-testids are stable for the
// end-to-end test. The run's token is in a <meta> element; the script sends it with each POST.

import { escapeXml } from '../charts/xml.ts';

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 8px 16px; background: #f3f5f9; border-bottom: 1px solid #ccd; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
header h1 { font-size: 16px; margin: 0; }
main { display: grid; grid-template-columns: 300px minmax(0, 1fr) 320px; gap: 12px; padding: 12px 16px; }
section { border: 1px solid #dde; border-radius: 4px; padding: 8px; overflow: auto; }
h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #556; margin: 0 0 6px; }
ol, ul { margin: 0; padding-left: 0; list-style: none; font: 12px ui-monospace, Menlo, Consolas, monospace; }
li { padding: 2px 4px; border-radius: 3px; }
#path li { cursor: pointer; }
#path li.current { background: #fff2a8; }
#path li.future { color: #999; }
#path li.bad::after { content: ' ✗'; color: #c62828; }
#enabled button { font: inherit; text-align: left; width: 100%; background: #f5f8ff; border: 1px solid #ccd; border-radius: 3px; padding: 3px 6px; cursor: pointer; margin: 1px 0; }
#enabled button:hover { background: #e3ebff; }
.panels { display: flex; flex-wrap: wrap; gap: 8px; }
.panel { border: 1px solid #ccd; border-radius: 4px; padding: 4px 8px; min-width: 120px; font: 12px ui-monospace, Menlo, Consolas, monospace; }
.panel.acting { border-color: #1f4e9c; box-shadow: 0 0 0 1px #1f4e9c; }
.panel h3 { font-size: 13px; margin: 0 0 2px; }
.panel .none { color: #999; }
#invariants li.holds::before { content: '✓ '; color: #2e7d32; }
#invariants li.violated { background: #fde0e0; color: #c62828; font-weight: bold; }
#invariants li.violated::before { content: '✗ '; }
#status { color: #c62828; }
.nav button { margin-right: 4px; }
`;

const SCRIPT = `
(function () {
  var view = null;
  function addr() {
    var q = new URLSearchParams(location.search);
    var path = q.get('path') ? q.get('path').split('.').map(Number) : [];
    var at = q.has('at') ? Number(q.get('at')) : path.length;
    return { init: Number(q.get('init') || 0), path: path, at: at };
  }
  function go(a, replace) {
    var q = new URLSearchParams();
    if (a.init) q.set('init', String(a.init));
    if (a.path.length) q.set('path', a.path.join('.'));
    if (a.at !== a.path.length) q.set('at', String(a.at));
    var url = location.pathname + (q.toString() ? '?' + q.toString() : '');
    if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
    load();
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function status(text) { document.getElementById('status').textContent = text || ''; }
  function load() {
    var a = addr();
    var q = 'init=' + a.init + '&path=' + a.path.join('.') + '&at=' + a.at;
    fetch('api/state?' + q).then(function (r) { return r.json(); }).then(function (v) {
      if (v.error) { status(v.error + (v.hint ? ' (' + v.hint + ')' : '')); return; }
      status('');
      view = v;
      render();
    });
  }
  function render() {
    var v = view;
    var path = document.getElementById('path');
    path.textContent = '';
    v.steps.forEach(function (s) {
      var li = el('li', s.index + '  ' + s.action);
      li.setAttribute('data-testid', 'step-' + s.index);
      if (s.index === v.at) li.classList.add('current');
      if (s.index > v.at) li.classList.add('future');
      if (s.violates.length) { li.classList.add('bad'); li.title = 'violates ' + s.violates.join(', '); }
      li.onclick = function () { go({ init: v.init, path: v.path, at: s.index }); };
      path.appendChild(li);
    });
    document.getElementById('position').textContent = 'step ' + v.at + ' of ' + v.path.length;
    document.getElementById('back').disabled = v.at === 0;
    document.getElementById('forward').disabled = v.at >= v.path.length;
    var actor = v.at > 0 ? v.steps[v.at].actor : null;
    var panels = document.getElementById('processes');
    panels.textContent = '';
    v.state.processes.forEach(function (p) {
      var d = el('div', null, 'panel' + (p.name === actor ? ' acting' : ''));
      d.setAttribute('data-testid', 'process-' + p.name);
      d.appendChild(el('h3', p.name));
      p.fields.forEach(function (f) { d.appendChild(el('div', f.name + ' = ' + f.value)); });
      if (!p.fields.length) d.appendChild(el('div', '(no state of its own)', 'none'));
      panels.appendChild(d);
    });
    if (v.state.globals.length) {
      var g = el('div', null, 'panel');
      g.appendChild(el('h3', 'globals'));
      v.state.globals.forEach(function (f) { g.appendChild(el('div', f.name + ' = ' + f.value)); });
      panels.appendChild(g);
    }
    var flight = document.getElementById('inflight');
    flight.textContent = '';
    if (!v.state.inFlight.length) flight.appendChild(el('li', '(none)'));
    v.state.inFlight.forEach(function (m) { flight.appendChild(el('li', m)); });
    var en = document.getElementById('enabled');
    en.textContent = '';
    if (!v.enabled.length) en.appendChild(el('li', '(no action is enabled: deadlock or final state)'));
    v.enabled.forEach(function (e) {
      var li = el('li');
      var b = el('button', e.action);
      b.setAttribute('data-testid', 'action-' + e.index);
      b.onclick = function () { go({ init: v.init, path: v.path.slice(0, v.at).concat([e.index]), at: v.at + 1 }); };
      li.appendChild(b);
      en.appendChild(li);
    });
    var inv = document.getElementById('invariants');
    inv.textContent = '';
    v.invariants.forEach(function (i) {
      var li = el('li', i.name + (i.holds ? '' : ' — violated'), i.holds ? 'holds' : 'violated');
      li.setAttribute('data-testid', 'invariant-' + i.name);
      li.title = i.description;
      inv.appendChild(li);
    });
  }
  document.getElementById('back').onclick = function () { if (view && view.at > 0) go({ init: view.init, path: view.path, at: view.at - 1 }); };
  document.getElementById('forward').onclick = function () { if (view && view.at < view.path.length) go({ init: view.init, path: view.path, at: view.at + 1 }); };
  document.getElementById('reset').onclick = function () { go({ init: 0, path: [], at: 0 }); };
  document.getElementById('load-trace').onclick = function () { document.getElementById('trace-file').click(); };
  document.getElementById('trace-file').onchange = function (ev) {
    var file = ev.target.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var token = document.querySelector('meta[name="clab-token"]').getAttribute('content');
      return fetch('api/trace', { method: 'POST', headers: { 'content-type': 'application/json', 'x-clab-token': token }, body: text });
    }).then(function (r) { return r.json(); }).then(function (res) {
      ev.target.value = '';
      if (res.error) { status(res.error + (res.hint ? ' (' + res.hint + ')' : '')); return; }
      document.getElementById('loaded').textContent = 'counterexample: ' + res.title;
      go({ init: res.init, path: res.path, at: res.path.length });
    });
  };
  window.addEventListener('popstate', load);
  document.addEventListener('keydown', function (e) {
    if (e.target && e.target.tagName === 'INPUT') return;
    if (e.key === 'ArrowLeft') document.getElementById('back').click();
    if (e.key === 'ArrowRight') document.getElementById('forward').click();
  });
  load();
})();
`;

/** The page; `token` is the run's token, which the server requires on POSTs (see server.ts). */
export function explorerPage(title: string, token: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta name="clab-token" content="${escapeXml(token)}">`,
    `<title>clab explore — ${escapeXml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeXml(title)}</h1>`,
    '<span class="nav"><button id="back" title="previous step (←)">◀ back</button><button id="forward" title="next step on the path (→)">forward ▶</button><button id="reset">restart</button></span>',
    '<span id="position"></span>',
    '<button id="load-trace">load counterexample…</button><input type="file" id="trace-file" accept=".json,application/json" hidden>',
    '<span id="loaded"></span>',
    '<span id="status" role="alert"></span>',
    '</header>',
    '<main>',
    '<section><h2>Path</h2><ol id="path"></ol></section>',
    '<section><h2>State</h2><div class="panels" id="processes"></div><h2 style="margin-top:10px">Messages in flight</h2><ul id="inflight"></ul></section>',
    '<section><h2>Invariants</h2><ul id="invariants"></ul><h2 style="margin-top:10px">Enabled actions</h2><ul id="enabled"></ul></section>',
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
