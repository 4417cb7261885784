/* deckgen preview: reload the page on the same slide when the deck is rebuilt, show build
   errors over the page, and mark each warning of the build on its slide. Served by
   `deckgen serve` only, added to the served copy of the page.

   A county of made-up data (data-example="1" on this script) gets an EKSEMPEL mark on every slide.

   Events come from /__deckgen__/events (Server-Sent Events), each with JSON data:
     hello    {build, errors, findings}  on connect: reload if a newer build exists; show
                                         current errors and mark the findings
     building {}                         a rebuild started
     reload   {build}                    a build succeeded and changed the output
     clear    {build, findings}          a build succeeded with the same output: hide the
                                         errors, mark the findings again
     errors   {build, errors}            a build failed; the page stays the last good build
   A finding is {text, slide, box}: `slide` is the number in the section's id (slide-N), `box`
   names the box (see BOXES and findBox); a box whose text overflows gets an outline, a
   picture (or a whole slide) a badge. Every finding is also in a list the author can open.
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

  /* ---- the findings: marks on the slides and a list ----------------------------------- */
  // The reveal.js templates' class for each box a finding can name (render/reveal/templates).
  var BOXES = {
    title: '.slide-title', subtitle: '.cover-subtitle', byline: '.cover-byline',
    body: '.slide-body', credit: '.credit', label: '.discussion-label',
    prompt: '.discussion-prompt', timer: '.countdown', question: '.question-text',
    intro: '.columns-intro', table: '.slide-body table', picture: 'img.full-bleed'
  };
  var MARK_COLOR = '#e8590c';
  var marked = [];
  var findingsBox = null;
  var findingsList = null;
  var findingsToggle = null;

  function findBox(section, box) {
    var space = box.indexOf(' ');
    var kind = space < 0 ? box : box.slice(0, space);
    var arg = space < 0 ? '' : box.slice(space + 1);
    if (kind === 'slide') { return section; }
    if (kind === 'column' || kind === 'tile') {
      var items = section.querySelectorAll(kind === 'column' ? '.columns > .column' : '.tiles > .tile');
      return items[Number(arg) - 1] || null;
    }
    if (kind === 'node') {
      // Compared as text: a node id comes from a content file and never enters a selector.
      var nodes = section.querySelectorAll('.org-node');
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].getAttribute('data-node') === arg) { return nodes[i]; }
      }
      return null;
    }
    return BOXES[kind] ? section.querySelector(BOXES[kind]) : null;
  }

  function clearMarks() {
    marked.forEach(function (m) {
      if (m.badge) {
        if (m.badge.parentNode) { m.badge.parentNode.removeChild(m.badge); }
      } else {
        m.el.style.outline = m.outline;
        m.el.style.outlineOffset = m.offset;
        m.el.removeAttribute('data-deckgen-mark');
      }
    });
    marked = [];
  }

  function badgeOn(section, el, text) {
    // A picture cannot hold children: the badge goes on its slide, in the top left corner
    // (where a full-bleed picture's corner is). Slides far from the current one are not laid
    // out, so the picture's own offsets cannot be read here.
    var above = section.querySelectorAll('.deckgen-mark-badge').length;  // stacked, not overlapping
    var badgeEl = styled('div', {
      position: 'absolute', zIndex: '50', top: 8 + 34 * above + 'px', left: '8px', padding: '4px 10px',
      background: MARK_COLOR, color: '#fff', borderRadius: '4px',
      font: 'bold 16px/1.3 system-ui, sans-serif', pointerEvents: 'auto'
    });
    badgeEl.className = 'deckgen-mark-badge';
    badgeEl.setAttribute('data-deckgen-mark', 'badge');
    badgeEl.textContent = el === section ? '⚠ no title' : '⚠ no alt text';
    badgeEl.title = text;
    section.appendChild(badgeEl);
    return badgeEl;
  }

  function mark(finding) {
    if (!finding || !finding.slide || !finding.box) { return; }
    var section = document.getElementById('slide-' + Number(finding.slide));
    var el = section && findBox(section, String(finding.box));
    if (!el) { return; }
    var text = String(finding.text || '');
    if (finding.box === 'picture' || finding.box === 'slide') {
      marked.push({ badge: badgeOn(section, el, text) });
      return;
    }
    marked.push({ el: el, outline: el.style.outline, offset: el.style.outlineOffset });
    el.style.outline = '3px dashed ' + MARK_COLOR;
    el.style.outlineOffset = '2px';
    el.setAttribute('data-deckgen-mark', 'outline');
    el.title = text;
  }

  function ensureFindings() {
    if (findingsBox) { return; }
    findingsBox = styled('div', {
      position: 'fixed', left: '8px', bottom: '8px', zIndex: '2147483646', maxWidth: '70vw',
      font: '13px/1.45 ui-monospace, Menlo, Consolas, monospace', textAlign: 'left'
    });
    findingsBox.id = 'deckgen-findings';
    findingsToggle = styled('button', {
      font: 'bold 12px/1.4 system-ui, sans-serif', color: '#fff', background: MARK_COLOR,
      border: '0', borderRadius: '4px', padding: '4px 10px', cursor: 'pointer'
    });
    findingsToggle.type = 'button';
    findingsToggle.setAttribute('aria-expanded', 'false');
    findingsList = styled('div', {
      display: 'none', whiteSpace: 'pre-wrap', background: 'rgba(50, 25, 0, 0.94)', color: '#fff',
      padding: '10px 12px', marginTop: '4px', maxHeight: '45vh', overflow: 'auto', borderRadius: '4px'
    });
    findingsToggle.addEventListener('click', function () {
      var open = findingsList.style.display === 'none';
      findingsList.style.display = open ? 'block' : 'none';
      findingsToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    findingsBox.appendChild(findingsList);
    findingsBox.appendChild(findingsToggle);
    document.body.appendChild(findingsBox);
  }

  function showFindings(findings) {
    clearMarks();
    findings = findings || [];
    if (!findings.length) {
      if (findingsBox) { findingsBox.style.display = 'none'; }
      return;
    }
    ensureFindings();
    while (findingsList.firstChild) { findingsList.removeChild(findingsList.firstChild); }
    findings.forEach(function (f) {
      var line = styled('div', { marginBottom: '6px' });
      line.textContent = (f.slide ? 'slide ' + Number(f.slide) + ': ' : '') + String(f.text || '');
      findingsList.appendChild(line);
      mark(f);
    });
    findingsToggle.textContent = 'deckgen: ' + findings.length + ' warning' + (findings.length === 1 ? '' : 's');
    findingsBox.style.display = 'block';
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
      showFindings(d.findings);
    });
    source.addEventListener('building', function () { setBadge('deckgen: rebuilding…'); });
    source.addEventListener('reload', function () { reload(); });
    source.addEventListener('clear', function (event) {
      setBadge('');
      hideErrors();
      showFindings(data(event).findings);
    });
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
