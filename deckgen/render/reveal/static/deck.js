/* deckgen: start reveal.js and run the discussion countdowns.
   Static code: everything deck-specific is read from data- attributes of the page, so this
   file is the same for every deck (and its CSP hash is too). Text is only ever set with
   textContent. */
(function () {
  'use strict';

  var root = document.querySelector('.reveal');
  var number = function (name, fallback) {
    var value = Number(root.getAttribute(name));
    return value > 0 ? value : fallback;
  };

  /* ---- countdown: starts when its slide is shown, pauses and resumes with its button or
     the T key, stops at 0:00; a click after the end starts it again. ------------------- */
  var timers = [];

  function format(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    return minutes + ':' + (seconds < 10 ? '0' : '') + seconds;
  }

  function Countdown(el) {
    this.el = el;
    this.full = Number(el.getAttribute('data-seconds')) * 1000;
    this.remaining = this.full;
    this.deadline = 0;
    this.handle = null;
    this.time = el.querySelector('.countdown-time');
    this.button = el.querySelector('.countdown-toggle');
    var self = this;
    if (this.button) {
      this.button.addEventListener('click', function (event) {
        event.preventDefault();
        self.toggle();
      });
    }
  }

  Countdown.prototype.state = function () { return this.el.getAttribute('data-state'); };

  Countdown.prototype.setState = function (state) {
    this.el.setAttribute('data-state', state);
    if (this.button) {
      var running = state === 'running';
      this.button.textContent = this.el.getAttribute(running ? 'data-label-pause' : 'data-label-resume');
      this.button.setAttribute('aria-pressed', running ? 'false' : 'true');
    }
  };

  Countdown.prototype.render = function () { this.time.textContent = format(this.remaining); };

  Countdown.prototype.tick = function () {
    this.remaining = Math.max(0, this.deadline - Date.now());
    this.render();
    if (this.remaining <= 0) {
      this.stop();
      this.setState('done');
    }
  };

  Countdown.prototype.start = function () {
    if (this.remaining <= 0) { this.remaining = this.full; }
    this.deadline = Date.now() + this.remaining;
    var self = this;
    this.stop();
    this.handle = window.setInterval(function () { self.tick(); }, 200);
    this.setState('running');
    this.render();
  };

  Countdown.prototype.stop = function () {
    if (this.handle !== null) { window.clearInterval(this.handle); this.handle = null; }
  };

  Countdown.prototype.pause = function () {
    this.remaining = Math.max(0, this.deadline - Date.now());
    this.stop();
    this.render();
    this.setState('paused');
  };

  Countdown.prototype.toggle = function () {
    if (this.state() === 'running') { this.pause(); } else { this.start(); }
  };

  function timersIn(slide) {
    return timers.filter(function (t) { return slide && slide.contains(t.el); });
  }

  function shown(event) {
    timersIn(event.currentSlide).forEach(function (t) {
      if (t.state() === 'idle') { t.start(); }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('.reveal .countdown'), function (el) {
    timers.push(new Countdown(el));
  });

  var plugins = [];
  if (window.RevealNotes) { plugins.push(window.RevealNotes); }

  Reveal.on('ready', shown);
  Reveal.on('slidechanged', shown);
  Reveal.initialize({
    width: number('data-width', 1280),
    height: number('data-height', 720),
    margin: 0,
    minScale: 0.05,
    maxScale: 4,
    center: false,
    hash: true,
    respondToHashChanges: true,
    controls: true,
    progress: true,
    slideNumber: false,
    transition: 'none',
    backgroundTransition: 'none',
    pdfMaxPagesPerSlide: 1,
    plugins: plugins
  }).then(function () {
    Reveal.addKeyBinding(
      { keyCode: 84, key: 'T', description: root.getAttribute('data-label-timer-key') || 'Countdown' },
      function () { timersIn(Reveal.getCurrentSlide()).forEach(function (t) { t.toggle(); }); }
    );
  });
})();
