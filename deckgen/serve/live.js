/* deckgen preview: reload the page on the same slide when the deck is rebuilt, and show build
   errors over the page. Served by `deckgen serve` only, added to the served copy of the page.

   A county of made-up data (data-example="1" on this script) gets an EKSEMPEL mark on every slide.

   Events come from /__deckgen__/events (Server-Sent Events), each with JSON data:
     hello    {build, errors}  on connect: reload if a newer build exists; show current errors
     building {}               a rebuild started
     reload   {build}          a build succeeded and changed the output
     clear    {build}          a build succeeded with the same output: hide the errors
     errors   {build, errors}  a build failed; the page stays the last good build
   Messages are set with textContent only: they quote content files, which must never become
   markup. Styles are set through the CSSOM, which the deck's Content-Security-Policy allows. */
(function () {
  'use strict';

  var script = document.currentScript;
  var pageBuild = Number(script && script.getAttribute('data-build')) || 0;
  var storageKey = 'deckgen:position:' + location.pathname;

  function reveal() {
    return window.Reveal && typeof window.Reveal.getIndices === 'function' ? window.Reveal : null;
  }

  /* ---- same slide after a reload ------------------------------------------------------ */
  function savePosition() {
    var r = reveal();
    try {
      if (r && r.isReady && r.isReady()) {
        sessionStorage.setItem(storageKey, JSON.stringify(r.getIndices()));
      }
    } catch (e) { /* storage may be disabled; the URL hash still keeps the slide */ }
  }

  function restorePosition() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
      sessionStorage.removeItem(storageKey);
    } catch (e) { saved = null; }
    var r = reveal();
    if (!saved || !r) { return; }
    var go = function () { r.slide(saved.h || 0, saved.v || 0, saved.f === undefined ? undefined : saved.f); };
    if (r.isReady && r.isReady()) { go(); } else { r.on('ready', go); }
  }

  function reload() {
    savePosition();
    location.reload();
  }

  /* ---- the overlay -------------------------------------------------------------------- */
  var overlay = null;
  var list = null;
  var badge = null;

  function styled(tag, style) {
    var el = document.createElement(tag);
    Object.keys(style).forEach(function (k) { el.style[k] = style[k]; });
    return el;
  }

  function ensureOverlay() {
    if (overlay) { return; }
    overlay = styled('div', {
      position: 'fixed', left: '0', right: '0', bottom: '0', maxHeight: '60vh', overflow: 'auto',
      zIndex: '2147483647', background: 'rgba(40, 0, 0, 0.94)', color: '#fff',
      font: '14px/1.45 ui-monospace, Menlo, Consolas, monospace', padding: '12px 16px',
      boxShadow: '0 -2px 12px rgba(0, 0, 0, 0.5)', display: 'none', textAlign: 'left'
    });
    overlay.id = 'deckgen-errors';
    overlay.setAttribute('role', 'alert');
    var head = styled('div', { fontWeight: 'bold', marginBottom: '8px' });
    head.textContent = 'deckgen: the last change broke the deck. Still showing the last good build.';
    var close = styled('button', {
      float: 'right', font: 'inherit', color: '#fff', background: 'transparent',
      border: '1px solid #fff', borderRadius: '3px', cursor: 'pointer'
    });
    close.type = 'button';
    close.textContent = 'Hide';
    close.addEventListener('click', function () { overlay.style.display = 'none'; });
    list = styled('div', { whiteSpace: 'pre-wrap' });
    overlay.appendChild(close);
    overlay.appendChild(head);
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }

  function showErrors(errors) {
    if (!errors || !errors.length) { hideErrors(); return; }
    ensureOverlay();
    while (list.firstChild) { list.removeChild(list.firstChild); }
    errors.forEach(function (text) {
      var line = styled('div', { marginBottom: '6px' });
      line.textContent = String(text);
      list.appendChild(line);
    });
    overlay.style.display = 'block';
  }

  function hideErrors() {
    if (overlay) { overlay.style.display = 'none'; }
  }

  function setBadge(text) {
    if (!badge) {
      badge = styled('div', {
        position: 'fixed', top: '8px', right: '8px', zIndex: '2147483647', padding: '4px 10px',
        background: 'rgba(0, 0, 0, 0.7)', color: '#fff', borderRadius: '4px',
        font: '12px/1.4 system-ui, sans-serif', display: 'none'
      });
      badge.id = 'deckgen-status';
      badge.setAttribute('aria-live', 'polite');
      document.body.appendChild(badge);
    }
    badge.textContent = text || '';
    badge.style.display = text ? 'block' : 'none';
  }

  /* ---- the event stream --------------------------------------------------------------- */
  function data(event) {
    try { return JSON.parse(event.data) || {}; } catch (e) { return {}; }
  }

  function connect() {
    if (!window.EventSource) { return; }
    var source = new EventSource('/__deckgen__/events');
    source.addEventListener('open', function () { setBadge(''); });
    source.addEventListener('error', function () { setBadge('deckgen: preview server not reachable'); });
    source.addEventListener('hello', function (event) {
      var d = data(event);
      if (d.build && d.build !== pageBuild) { reload(); return; }
      showErrors(d.errors);
    });
    source.addEventListener('building', function () { setBadge('deckgen: rebuilding…'); });
    source.addEventListener('reload', function () { reload(); });
    source.addEventListener('clear', function () { setBadge(''); hideErrors(); });
    source.addEventListener('errors', function (event) {
      setBadge('');
      showErrors(data(event).errors);
    });
    window.addEventListener('beforeunload', function () { source.close(); });
  }

  /* ---- made-up county data ('example: true'): every slide marked ------------------- */
  function markExample() {
    if (!script || script.getAttribute('data-example') !== '1') { return; }
    var mark = styled('div', {
      position: 'fixed', top: '8px', left: '8px', zIndex: '2147483646', padding: '4px 12px',
      background: '#fff', color: '#c81e1e', border: '3px solid #c81e1e', borderRadius: '4px',
      font: 'bold 20px/1.2 system-ui, sans-serif', letterSpacing: '0.1em', pointerEvents: 'none'
    });
    mark.id = 'deckgen-example';
    mark.textContent = 'EKSEMPEL';
    mark.title = "made-up example data: the county file says 'example: true'";
    document.body.appendChild(mark);
  }

  function start() {
    markExample();
    restorePosition();
    connect();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
