/* Present mode: the brief page shown as slides, one at a time, moved by the
   keyboard or the buttons. The slides are copies of the page's own sections
   (marked data-lb-slide), so there is no second copy of a brief to download.
   Without JavaScript the button stays hidden and the brief reads as a page.

   Two windows, for a projector: the audience window shows only the slide (in
   full screen, the controls appear only while the pointer moves); the
   presenter view (the same page opened with ?presenter, by the "Presenter
   view" button or N) shows the slide, the facilitator notes, the next slide
   and a timer. Facilitator notes are never shown in the audience window. The
   two keep in step over a BroadcastChannel named after the page, which also
   works between pages opened from disk (the offline pack). */
(function () {
  "use strict";
  var source = document.querySelector("[data-lb-slides]");
  var startButton = document.querySelector("[data-lb-present]");
  if (!source || !startButton) return;
  var root = document.documentElement;
  var presenterView = /[?&]presenter(=|&|$)/.test(location.search);
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("lb-slides:" + location.pathname) : null;
  var deck = null, slides = [], current = 0, presenting = false;
  var parts = {};  /* the deck's named elements */

  function make(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function button(label, hiddenLabel, attribute) {
    var node = make("button", { type: "button", "class": "lb-control" }, label);
    if (hiddenLabel) node.appendChild(make("span", { "class": "lb-visually-hidden" }, hiddenLabel));
    node.setAttribute(attribute, "");
    return node;
  }

  /* A slide from a section of the page: ids and the links between headings and
     sections would clash with the page's own, so they go; the section's first
     heading becomes the slide's title (h1 for the first slide, h2 after). */
  function slideFrom(section, number) {
    var copy = section.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("[data-lb-not-slide]"), function (node) { node.remove(); });
    var heading = copy.querySelector("h1, h2, h3");
    var title = make(number === 1 ? "h1" : "h2", { id: "slide-" + number + "-title" }, heading ? heading.textContent.trim() : "");
    if (heading) heading.remove();
    [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("[id], [aria-labelledby]"))).forEach(function (node) {
      node.removeAttribute("id");
      node.removeAttribute("aria-labelledby");
    });
    var slide = make("section", {
      "class": "lb-slide", id: "slide-" + number, "aria-roledescription": "slide",
      "aria-labelledby": "slide-" + number + "-title", "data-lb-slide": section.getAttribute("data-lb-slide")
    });
    var body = make("div", { "class": "lb-slide__body" });
    body.appendChild(title);
    while (copy.firstChild) body.appendChild(copy.firstChild);
    slide.appendChild(body);
    slide.hidden = true;
    return slide;
  }

  function title(slide) {
    var heading = slide.querySelector("h1, h2");
    return heading ? heading.textContent.trim() : "";
  }

  function build() {
    var heading = source.querySelector("h1");
    var name = heading ? heading.textContent.trim() : "";
    deck = make("div", {
      "class": "lb-deck" + (presenterView ? " lb-deck--presenter" : ""), role: "region", tabindex: "-1",
      "aria-label": (presenterView ? "Presenter view: " : "Slides: ") + name
    });
    var toolbar = make("div", { "class": "lb-deck__toolbar", role: "toolbar", "aria-label": "Slide controls" });
    var previous = button("Previous", " slide", "data-lb-prev");
    var next = button("Next", " slide", "data-lb-next");
    parts.position = make("span", { "class": "lb-deck__position", "data-lb-position": "" });
    [previous, parts.position, next].forEach(function (node) { toolbar.appendChild(node); });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    parts.next = next;
    parts.announce = make("p", { "class": "lb-visually-hidden", "aria-live": "polite", "data-lb-announce": "" });
    slides = Array.prototype.map.call(source.querySelectorAll("[data-lb-slide]"), function (section, i) {
      return slideFrom(section, i + 1);
    });
    if (presenterView) buildPresenter(toolbar);
    else buildAudience(toolbar);
    document.body.appendChild(deck);
  }

  function buildAudience(toolbar) {
    var presenter = button("Presenter view", "", "data-lb-open-presenter");
    presenter.hidden = !channel;
    var fullscreen = button("Full screen", "", "data-lb-fullscreen");
    fullscreen.hidden = !document.fullscreenEnabled;
    var close = button("Back to the brief", "", "data-lb-close");
    [presenter, fullscreen, close].forEach(function (node) { toolbar.appendChild(node); });
    presenter.addEventListener("click", openPresenter);
    fullscreen.addEventListener("click", toggleFullscreen);
    close.addEventListener("click", stop);
    deck.appendChild(toolbar);
    deck.appendChild(parts.announce);
    /* Said in words, not only by a cut-off line: the slide goes on below. */
    parts.more = make("p", { "class": "lb-deck__more", "aria-hidden": "true" },
      window.matchMedia("(pointer: coarse)").matches ? "More below: scroll down" : "More below: scroll, or press Page Down");
    slides.forEach(function (slide) {
      deck.appendChild(slide);
      slide.addEventListener("scroll", function () { markMore(slide); });
    });
    deck.appendChild(parts.more);
    window.addEventListener("resize", function () { if (presenting) fit(slides[current]); });
    var help = make("details", { "class": "lb-deck__help" });
    help.appendChild(make("summary", {}, "Keyboard shortcuts"));
    help.appendChild(make("p", {},
      "Right arrow: next slide. Left arrow: back. Space, Page Down and Down arrow scroll a slide too long for the " +
      "screen, then move on; Page Up and Up arrow go back. Home and End: first and last. " +
      "F: full screen. N: presenter view, with the facilitator notes, in a window of its own. Escape: back to the brief."));
    deck.appendChild(help);
    /* In full screen the controls show only while the pointer moves. */
    var idle = null;
    deck.addEventListener("pointermove", function () {
      deck.classList.add("lb-deck--pointer");
      clearTimeout(idle);
      idle = setTimeout(function () { deck.classList.remove("lb-deck--pointer"); }, 2500);
    });
    document.addEventListener("fullscreenchange", function () {
      /* The deck takes the focus, so no focus ring is left on a button the audience can see. */
      if (document.fullscreenElement === deck) deck.focus({ preventScroll: true });
    });
  }

  function buildPresenter(toolbar) {
    parts.clock = make("span", { "class": "lb-deck__clock", role: "timer", "aria-label": "Time since the start" }, "00:00");
    var startStop = button("Start timer", "", "data-lb-timer");
    var reset = button("Reset timer", "", "data-lb-timer-reset");
    var close = button("Close presenter view", "", "data-lb-close");
    [parts.clock, startStop, reset, close].forEach(function (node) { toolbar.appendChild(node); });
    /* Said when the audience window stops presenting: a move here starts it again. */
    parts.audience = make("p", { "class": "lb-presenter__audience", "data-lb-audience": "", hidden: "" });
    var started = null, elapsed = 0, ticking = null;
    function tick() {
      var seconds = Math.floor((elapsed + (started ? Date.now() - started : 0)) / 1000);
      parts.clock.textContent = String(Math.floor(seconds / 60)).padStart(2, "0") + ":" + String(seconds % 60).padStart(2, "0");
    }
    startStop.addEventListener("click", function () {
      if (started) { elapsed += Date.now() - started; started = null; clearInterval(ticking); startStop.textContent = "Start timer"; }
      else { started = Date.now(); ticking = setInterval(tick, 500); startStop.textContent = "Pause timer"; }
      tick();
    });
    reset.addEventListener("click", function () { elapsed = 0; if (started) started = Date.now(); tick(); });
    close.addEventListener("click", function () { window.close(); stop(); });
    deck.appendChild(toolbar);
    deck.appendChild(parts.announce);
    deck.appendChild(parts.audience);
    var layout = make("div", { "class": "lb-presenter" });
    var now = make("div", { "class": "lb-presenter__now" });
    slides.forEach(function (slide) { now.appendChild(slide); });
    parts.notes = make("section", { "class": "lb-presenter__notes", "aria-labelledby": "presenter-notes-title" });
    parts.upcoming = make("p", { "class": "lb-presenter__next", "data-lb-upcoming": "" });
    layout.appendChild(now);
    layout.appendChild(parts.notes);
    layout.appendChild(parts.upcoming);
    deck.appendChild(layout);
  }

  function renderNotes() {
    parts.notes.textContent = "";
    parts.notes.appendChild(make("h2", { id: "presenter-notes-title" }, "Facilitator notes, slide " + (current + 1)));
    var notes = source.querySelector('[data-lb-notes-for="' + slides[current].getAttribute("data-lb-slide") + '"]');
    if (notes) {
      Array.prototype.forEach.call(notes.childNodes, function (node) { parts.notes.appendChild(node.cloneNode(true)); });
    } else {
      parts.notes.appendChild(make("p", {}, "No facilitator notes for this slide."));
    }
    parts.upcoming.textContent = current + 1 < slides.length ? "Next: " + title(slides[current + 1]) : "This is the last slide.";
  }

  /* A slide too long for the screen (eight recommendations on a projector)
     gets smaller text, down to a floor that stays readable from the back of
     a room; past that it scrolls, and the keys scroll it before moving on. */
  var SMALLEST_TEXT = 0.7;

  function overflows(slide) {
    return slide.scrollHeight > slide.clientHeight + 1;
  }

  function fit(slide) {
    if (presenterView) return;
    var scale = 1;
    slide.style.setProperty("--lb-slide-scale", "1");
    while (overflows(slide) && scale > SMALLEST_TEXT) {
      scale = Math.max(SMALLEST_TEXT, scale - 0.05);
      slide.style.setProperty("--lb-slide-scale", String(scale));
    }
    markMore(slide);
  }

  function markMore(slide) {
    if (!parts.more || slide !== slides[current]) return;
    parts.more.classList.toggle("lb-deck__more--shown", slide.scrollTop + slide.clientHeight < slide.scrollHeight - 1);
  }

  /* Scroll the current slide a screen's worth; false when it is already at that end. */
  function scrollSlide(direction) {
    var slide = slides[current];
    var atEnd = direction > 0 ? slide.scrollTop + slide.clientHeight >= slide.scrollHeight - 1 : slide.scrollTop <= 0;
    if (atEnd) return false;
    slide.scrollBy({ top: direction * slide.clientHeight * 0.85 });
    return true;
  }

  /* `from`: "channel" when the other window moved, so it is not told back. */
  function show(index, quiet, from) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) { slide.hidden = i !== current; });
    slides[current].scrollTop = 0;
    fit(slides[current]);
    parts.position.textContent = (current + 1) + " / " + slides.length;
    slides[current].setAttribute("aria-label", (current + 1) + " of " + slides.length);
    if (!quiet) parts.announce.textContent = "Slide " + (current + 1) + " of " + slides.length + ": " + title(slides[current]);
    /* "#slide=4", not "#slide-4": a fragment naming an element would make the browser scroll to it. */
    try { history.replaceState(null, "", location.pathname + location.search + "#slide=" + (current + 1)); } catch (e) { /* file:// */ }
    if (presenterView) { renderNotes(); parts.audience.hidden = true; }
    if (channel && from !== "channel") channel.postMessage({ slide: current });
  }

  function openPresenter() {
    window.open(location.pathname + "?presenter#slide=" + (current + 1), "lb-presenter:" + location.pathname,
      "popup,width=1000,height=720");
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (deck.requestFullscreen) deck.requestFullscreen();
  }

  function start(index) {
    if (!deck) build();
    presenting = true;
    root.classList.add("lb-presenting");
    deck.hidden = false;
    show(index, true);
    parts.next.focus();
  }

  function stop() {
    if (document.fullscreenElement) document.exitFullscreen();
    presenting = false;
    root.classList.remove("lb-presenting");
    deck.hidden = true;
    try { history.replaceState(null, "", location.pathname); } catch (e) { /* file:// */ }
    if (channel && !presenterView) channel.postMessage({ stopped: true });
    /* Presented from another view of the page (its handout, at #handout), come
       back to the brief: only a move to a fragment changes what :target shows. */
    var heading = source.querySelector("h1[id]");
    if (!source.getClientRects().length && heading) location.replace("#" + heading.id);
    startButton.focus();
  }

  /* ?present (how seminar packs link here) opens the first slide, ?presenter
     the presenter view; #slide=N, which the deck keeps up to date, reopens slide N. */
  function fromAddress() {
    var match = /^#slide[=-](\d+)$/.exec(location.hash);
    if (match) start(parseInt(match[1], 10) - 1);
    else if (presenterView || /[?&]present(=|&|$)/.test(location.search)) start(0);
  }

  if (channel) {
    channel.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.hello) {  /* a presenter view has just opened: tell it where we are */
        if (presenting) channel.postMessage({ slide: current });
        return;
      }
      if (data.stopped) {  /* the audience window went back to the brief */
        if (presenterView && parts.audience) {
          parts.audience.textContent = "The audience window has stopped presenting. Move to a slide to start it again.";
          parts.audience.hidden = false;
          parts.announce.textContent = parts.audience.textContent;
        }
        return;
      }
      if (typeof data.slide !== "number") return;
      if (!presenting) start(data.slide);
      else show(data.slide, false, "channel");
    });
  }

  startButton.hidden = false;
  startButton.addEventListener("click", function () { start(0); });
  window.addEventListener("hashchange", fromAddress);

  document.addEventListener("keydown", function (event) {
    if (!presenting || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    var onControl = target.closest && target.closest("button, a, input, select, textarea, summary");
    var typing = onControl && target.tagName !== "BUTTON" && target.tagName !== "A";
    switch (event.key) {
      case "ArrowRight":
        show(current + 1); break;
      case "ArrowLeft":
        show(current - 1); break;
      /* What a clicker sends: the rest of a long slide first, then the next. */
      case "ArrowDown": case "PageDown":
        if (!scrollSlide(1)) show(current + 1); break;
      case "ArrowUp": case "PageUp":
        if (!scrollSlide(-1)) show(current - 1); break;
      case " ":
        if (onControl) return;
        if (!scrollSlide(event.shiftKey ? -1 : 1)) show(event.shiftKey ? current - 1 : current + 1); break;
      case "Home":
        show(0); break;
      case "End":
        show(slides.length - 1); break;
      case "f": case "F":
        if (typing || presenterView) return;
        toggleFullscreen(); break;
      case "n": case "N":
        if (typing || presenterView || !channel) return;
        openPresenter(); break;
      case "Escape":
        if (document.fullscreenElement) return; /* the browser leaves full screen first */
        if (presenterView) window.close();
        stop(); break;
      default:
        return;
    }
    event.preventDefault();
  });

  fromAddress();
  if (presenterView && channel) channel.postMessage({ hello: true });
})();
