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
})();
