/* "Exit this page", after GOV.UK's pattern: the button, or Shift pressed three
   times (each within 5 seconds of the last), hides the page at once and replaces
   it in the history with a harmless site, so Back does not return here
   (nor to an earlier place in this page: see the click handler below).
   Browsing history is not erased; the "Staying safe online" page says so. */
(function () {
  "use strict";
  var container = document.querySelector("[data-lb-exit]");
  if (!container) return;
  var url = container.getAttribute("data-lb-exit-url");
  var button = container.querySelector("[data-lb-exit-button]");
  var status = container.querySelector("[data-lb-exit-status]");
  var presses = 0;
  var timer = null;
  var overlay = null;

  function exit(event) {
    if (event) event.preventDefault();
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "lb-exit-overlay";
      overlay.setAttribute("role", "alert");
      overlay.textContent = "Loading.";
      document.body.appendChild(overlay);
    }
    overlay.hidden = false;
    document.documentElement.classList.add("lb-exiting");
    window.location.replace(url);
  }

  function reset(message) {
    presses = 0;
    clearTimeout(timer);
    if (message) status.textContent = message;
  }

  button.addEventListener("click", exit);

  /* Leaving replaces only the current entry in the history. So a move within
     the page (the contents, the skip link, the handout and back, a menu link
     to the page itself) replaces the address too, instead of adding an entry
     that one press of Back after leaving would bring this page back from. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey ||
        (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
    if (link.href.split("#")[0] !== window.location.href.split("#")[0]) return;  /* another page */
    event.preventDefault();
    window.location.replace(link.href);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      if (presses) reset("Exit this page cancelled.");
      return;
    }
    if (event.repeat) return;
    presses += 1;
    clearTimeout(timer);
    if (presses >= 3) {
      reset("");
      exit();
      return;
    }
    var left = 3 - presses;
    status.textContent = "Shift, press " + left + " more " + (left === 1 ? "time" : "times") + " to exit.";
    timer = setTimeout(function () { reset("Exit this page expired."); }, 5000);
  });

  /* Coming back with Back may restore this page from the cache with the overlay showing. */
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      if (overlay) overlay.hidden = true;
      document.documentElement.classList.remove("lb-exiting");
      reset("");
    }
  });
})();
