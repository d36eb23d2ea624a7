/* Present mode: the brief page shown as slides, one at a time, moved by the
   keyboard or the buttons. The slides are copies of the page's own sections
   (marked data-lb-slide), so there is no second copy of a brief to download.
   Facilitator notes stay hidden unless the presenter turns them on (N), and
   even then they appear in a separate panel, never on the slide itself.
   Without JavaScript the button stays hidden and the brief reads as a page. */
(function () {
  "use strict";
  var source = document.querySelector("[data-lb-slides]");
  var startButton = document.querySelector("[data-lb-present]");
  if (!source || !startButton) return;
  var root = document.documentElement;
  var deck = null, slides = [], position, announce, notesButton, fullscreenButton, panel;
  var current = 0, notesOn = false, presenting = false;

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

  function build() {
    var sections = source.querySelectorAll("[data-lb-slide]");
    var heading = source.querySelector("h1");
    deck = make("div", { "class": "lb-deck", role: "region", "aria-label": "Slides: " + (heading ? heading.textContent.trim() : "") });
    var toolbar = make("div", { "class": "lb-deck__toolbar", role: "toolbar", "aria-label": "Slide controls" });
    var previous = button("Previous", " slide", "data-lb-prev");
    var next = button("Next", " slide", "data-lb-next");
    position = make("span", { "class": "lb-deck__position", "data-lb-position": "" });
    notesButton = button("Facilitator notes", "", "data-lb-notes");
    notesButton.setAttribute("aria-pressed", "false");
    fullscreenButton = button("Full screen", "", "data-lb-fullscreen");
    fullscreenButton.hidden = !document.fullscreenEnabled;
    var close = button("Back to the brief", "", "data-lb-close");
    [previous, position, next, notesButton, fullscreenButton, close].forEach(function (node) { toolbar.appendChild(node); });
    announce = make("p", { "class": "lb-visually-hidden", "aria-live": "polite", "data-lb-announce": "" });
    deck.appendChild(toolbar);
    deck.appendChild(announce);
    slides = Array.prototype.map.call(sections, function (section, i) { return slideFrom(section, i + 1); });
    slides.forEach(function (slide) { deck.appendChild(slide); });
    panel = make("aside", { "class": "lb-deck__notes-panel", "aria-label": "Facilitator notes", "data-lb-notes-panel": "" });
    panel.hidden = true;
    deck.appendChild(panel);
    deck.appendChild(make("p", { "class": "lb-deck__help" },
      "Keyboard: Right arrow, Space or Page Down for the next slide; Left arrow or Page Up to go back; " +
      "Home and End for the first and last; F for full screen; N for facilitator notes (for the presenter's screen only); " +
      "Escape to go back to the brief."));
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    notesButton.addEventListener("click", toggleNotes);
    fullscreenButton.addEventListener("click", toggleFullscreen);
    close.addEventListener("click", stop);
    document.body.appendChild(deck);
  }

  function title(slide) {
    var heading = slide.querySelector("h1, h2");
    return heading ? heading.textContent : "";
  }

  function show(index, quiet) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) { slide.hidden = i !== current; });
    position.textContent = (current + 1) + " / " + slides.length;
    var slide = slides[current];
    slide.setAttribute("aria-label", (current + 1) + " of " + slides.length);
    if (!quiet) announce.textContent = "Slide " + (current + 1) + " of " + slides.length + ": " + title(slide);
    /* "#slide=4", not "#slide-4": a fragment naming an element would make the browser scroll to it. */
    try { history.replaceState(null, "", "#slide=" + (current + 1)); } catch (e) { /* file:// */ }
    renderNotes();
  }

  function renderNotes() {
    panel.textContent = "";
    panel.hidden = !notesOn;
    if (!notesOn) return;
    var heading = make("h2", {}, "Facilitator notes, slide " + (current + 1));
    panel.appendChild(heading);
    var notes = source.querySelector('[data-lb-notes-for="' + slides[current].getAttribute("data-lb-slide") + '"]');
    if (notes) {
      Array.prototype.forEach.call(notes.childNodes, function (node) { panel.appendChild(node.cloneNode(true)); });
    } else {
      panel.appendChild(make("p", {}, "No facilitator notes for this slide."));
    }
  }

  function toggleNotes() {
    notesOn = !notesOn;
    notesButton.setAttribute("aria-pressed", String(notesOn));
    renderNotes();
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
    position.parentNode.querySelector("[data-lb-next]").focus();
  }

  function stop() {
    if (document.fullscreenElement) document.exitFullscreen();
    presenting = false;
    root.classList.remove("lb-presenting");
    deck.hidden = true;
    try { history.replaceState(null, "", location.pathname); } catch (e) { /* file:// */ }
    startButton.focus();
  }

  /* ?present (how seminar packs link here) opens the first slide; #slide=N,
     which the deck keeps up to date, reopens slide N on reload. */
  function fromAddress() {
    var match = /^#slide[=-](\d+)$/.exec(location.hash);
    if (match) start(parseInt(match[1], 10) - 1);
    else if (/[?&]present(=|&|$)/.test(location.search)) start(0);
  }

  startButton.hidden = false;
  startButton.addEventListener("click", function () { start(0); });
  window.addEventListener("hashchange", fromAddress);

  document.addEventListener("keydown", function (event) {
    if (!presenting || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    var onControl = target.closest && target.closest("button, a, input, select, textarea");
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown":
        show(current + 1); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp":
        show(current - 1); break;
      case " ":
        if (onControl) return;
        show(event.shiftKey ? current - 1 : current + 1); break;
      case "Home":
        show(0); break;
      case "End":
        show(slides.length - 1); break;
      case "f": case "F":
        if (onControl && target.tagName !== "BUTTON" && target.tagName !== "A") return;
        toggleFullscreen(); break;
      case "n": case "N":
        if (onControl && target.tagName !== "BUTTON" && target.tagName !== "A") return;
        toggleNotes(); break;
      case "Escape":
        if (document.fullscreenElement) return; /* the browser leaves full screen first */
        stop(); break;
      default:
        return;
    }
    event.preventDefault();
  });

  fromAddress();
})();
