/* Present mode: one slide at a time, moved by keyboard or by the buttons.
   Facilitator notes stay hidden unless the presenter turns them on (N), and
   even then they appear in a separate panel, never on the slide itself. */
(function () {
  "use strict";
  var deck = document.querySelector("[data-lb-deck]");
  if (!deck) return;
  var slides = Array.prototype.slice.call(deck.querySelectorAll(".lb-slide"));
  var position = deck.querySelector("[data-lb-position]");
  var announce = deck.querySelector("[data-lb-announce]");
  var notesButton = deck.querySelector("[data-lb-notes]");
  var fullscreenButton = deck.querySelector("[data-lb-fullscreen]");
  var panel = deck.querySelector("[data-lb-notes-panel]");
  var current = 0;
  var notesOn = false;

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
    if (!quiet) {
      announce.textContent = "Slide " + (current + 1) + " of " + slides.length + ": " + title(slide);
      /* "#slide=4", not "#slide-4": a fragment naming an element would make the browser scroll to it. */
      try { history.replaceState(null, "", "#slide=" + (current + 1)); } catch (e) { /* file:// */ }
    }
    renderNotes();
  }

  function renderNotes() {
    panel.textContent = "";
    panel.hidden = !notesOn;
    if (!notesOn) return;
    var notes = deck.querySelector('[data-lb-notes-for="' + slides[current].id + '"]');
    if (notes) {
      Array.prototype.forEach.call(notes.childNodes, function (node) { panel.appendChild(node.cloneNode(true)); });
    } else {
      var none = document.createElement("p");
      none.textContent = "No facilitator notes for this slide.";
      panel.appendChild(none);
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

  deck.classList.add("lb-deck--live");
  notesButton.hidden = false;
  if (document.fullscreenEnabled) fullscreenButton.hidden = false;
  deck.querySelector("[data-lb-prev]").addEventListener("click", function () { show(current - 1); });
  deck.querySelector("[data-lb-next]").addEventListener("click", function () { show(current + 1); });
  notesButton.addEventListener("click", toggleNotes);
  fullscreenButton.addEventListener("click", toggleFullscreen);

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
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
      default:
        return;
    }
    event.preventDefault();
  });

  var match = /^#slide[=-](\d+)$/.exec(location.hash);
  show(match ? parseInt(match[1], 10) - 1 : 0, true);
})();
