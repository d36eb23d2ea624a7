/* The themes overview filter: every combination of review type and year range
   offered is a page the build wrote, so this script only works out which page to open. */
(function () {
  "use strict";
  var form = document.querySelector("[data-lb-overview-filter]");
  if (!form) return;
  var base = form.getAttribute("data-lb-overview-base").replace(/index\.html$/, "");
  var directoryUrls = form.getAttribute("data-lb-directory-urls") === "true";

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var type = form.elements.type.value;
    var years = form.elements.years.value;  /* "all-years" or "first-last" */
    var path = type === "all" && years === "all-years" ? "" : "overview/" + type + "/" + years;
    if (!path) {
      location.href = base + (directoryUrls ? "" : "index.html");
    } else {
      location.href = base + path + (directoryUrls ? "/" : ".html");
    }
  });
})();
