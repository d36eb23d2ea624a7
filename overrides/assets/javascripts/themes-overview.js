/* The themes overview filter. Every combination of review type and years that
   holds a brief is a page the build wrote; the form names them all in
   data-lb-overview-pages ({"dhr/2025-2025": address}), so this script only
   opens the one chosen, or says that nothing matches. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-lb-overview-filter]"), function (form) {
    var pages = JSON.parse(form.getAttribute("data-lb-overview-pages"));
    var status = form.querySelector("[data-lb-overview-status]");
    var none = form.querySelector("[data-lb-overview-none]");

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var choice = form.elements.type.value + "/" + form.elements.years.value;
      if (Object.prototype.hasOwnProperty.call(pages, choice)) {
        location.href = pages[choice];
        return;
      }
      var message = none.cloneNode(true);
      message.hidden = false;
      status.textContent = "";
      status.appendChild(message);
    });
    form.addEventListener("change", function () { status.textContent = ""; });
  });
})();
