/* The themes overview filter: every combination of review type and year range
   is a page the build wrote, so this script only works out which page to open. */
(function () {
  "use strict";
  var form = document.querySelector("[data-lb-overview-filter]");
  if (!form) return;
  var base = form.getAttribute("data-lb-overview-base").replace(/index\.html$/, "");
  var directoryUrls = form.getAttribute("data-lb-directory-urls") === "true";
  var years = Array.prototype.map.call(form.elements.from.options, function (o) { return o.value; }).filter(Boolean);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var type = form.elements.type.value;
    var from = form.elements.from.value;
    var to = form.elements.to.value;
    var path;
    if (!from && !to) {
      path = type === "all" ? "" : "overview/" + type + "/all-years";
    } else {
      from = from || years[0];
      to = to || years[years.length - 1];
      if (+from > +to) { var swap = from; from = to; to = swap; }
      path = "overview/" + type + "/" + from + "-" + to;
    }
    if (!path) {
      location.href = base + (directoryUrls ? "" : "index.html");
    } else {
      location.href = base + path + (directoryUrls ? "/" : ".html");
    }
  });
})();
