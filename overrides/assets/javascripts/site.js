/* Small progressive enhancements shared by every page. */
(function () {
  "use strict";
  document.documentElement.classList.add("lb-js");
  Array.prototype.forEach.call(document.querySelectorAll(".lb-js-only[hidden]"), function (node) {
    node.hidden = false;
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-lb-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  /* The feedback form's subject line, from the ?for= of the handout or seminar
     pack that linked here. Written as text, and short, so a link can only ever
     put words on the line. */
  var subject = document.querySelector("[data-lb-feedback-for]");
  if (subject) {
    var named = new URLSearchParams(location.search).get("for");
    if (named) subject.textContent = named.replace(/\s+/g, " ").trim().slice(0, 200);
  }
})();
