/* Filters for the recommendations tracker. Without this script every row is
   still listed, page by page. With it, the filters search every row of every
   page, from data the build wrote (recommendations/data.js); nothing is sent.
   The chosen filters are kept in the address (?status=overdue&lead=Police),
   so a filtered view can be bookmarked or shared.

   Everything is looked up inside the tracker's own [data-lb-rec-filter] form
   and the table it names; data is read by column name, and rows are copies of
   the page's own <template> row, filled field by field. */
(function () {
  "use strict";
  var FILTERS = ["status", "lead", "theme", "partnership"];
  var form = document.querySelector("[data-lb-rec-filter]");
  if (!form) return;
  var section = form.closest("section");
  var tbody = section.querySelector("[data-lb-rec-rows]");
  var template = section.querySelector("template[data-lb-rec-row]");
  var count = section.querySelector("[data-lb-rec-count]");
  var none = section.querySelector("[data-lb-rec-none]");
  var pagination = section.querySelector(".lb-pagination");
  /* The flag's wording is the page's own (the filter option), so it names the site's window. */
  var quietLabel = form.querySelector('option[value="no-update"]').textContent;
  var root = form.getAttribute("data-lb-root").replace(/index\.html$/, "");
  var original = Array.prototype.slice.call(tbody.children);
  var originalCount = count.textContent;
  var records = null;
  var waiting = [];

  window.lbRecommendations = function (data) {
    var briefs = window.lbShared.named(data.briefs);
    records = window.lbShared.named(data.recommendations).map(function (record) {
      record.brief = briefs[record.brief];
      record.theme_titles = record.themes.map(function (id) { return data.themes[id] || id; });
      record.status_name = data.statuses[record.status];
      return record;
    });
    waiting.forEach(function (done) { done(); });
    waiting = [];
  };

  function load(done) {
    if (records) return done();
    waiting.push(done);
    if (waiting.length > 1) return;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-lb-rec-data");
    script.onerror = function () { count.textContent = "The filter data could not be loaded."; };
    document.head.appendChild(script);
  }

  /* How each field of the template row shows a record. */
  var FILL = {
    text: function (cell, r) { cell.textContent = r.text; },
    brief: function (cell, r) {
      var link = cell.querySelector("a");
      link.href = root + r.brief.path + "#rec-" + r.number;
      link.textContent = r.brief.title;
      cell.querySelector("[data-lb-number]").textContent = "(no. " + r.number + ")";
    },
    partnership: function (cell, r) { cell.textContent = r.brief.partnership; },
    lead: function (cell, r) { cell.textContent = r.lead || "Not recorded"; },
    themes: function (cell, r) { cell.textContent = r.theme_titles.join(", ") || "none recorded"; },
    status: function (cell, r) {
      var badge = cell.querySelector(".lb-status");
      badge.className = "lb-status lb-status--" + (r.status === "not-recorded" ? "none" : r.status);
      badge.textContent = r.status_name;
      cell.querySelector("[data-lb-updated]").textContent = r.last_update ? "Updated " + window.lbShared.longDate(r.last_update) : "No updates";
      if (r.no_update) {
        var flag = document.createElement("strong");
        flag.className = "lb-quiet";
        flag.textContent = quietLabel;
        cell.appendChild(document.createTextNode(" "));
        cell.appendChild(flag);
      }
    },
    due: function (cell, r) {
      cell.textContent = r.due ? window.lbShared.longDate(r.due) : "Not set";
      if (r.overdue) {
        var flag = document.createElement("strong");
        flag.className = "lb-overdue";
        flag.textContent = "Overdue";
        cell.appendChild(document.createTextNode(" "));
        cell.appendChild(flag);
      }
    },
    evidence: function (cell, r) { cell.textContent = r.evidence || "None recorded"; }
  };

  function rowFor(record) {
    var row = template.content.firstElementChild.cloneNode(true);
    Array.prototype.forEach.call(row.querySelectorAll("[data-lb-field]"), function (cell) {
      FILL[cell.getAttribute("data-lb-field")](cell, record);
    });
    return row;
  }

  function chosen() {
    var values = {};
    FILTERS.forEach(function (name) { values[name] = form.elements[name].value; });
    return values;
  }

  function keepInAddress(values) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (values[name]) params.set(name, values[name]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function show(rows, message, empty) {
    tbody.textContent = "";
    rows.forEach(function (row) { tbody.appendChild(row); });
    count.textContent = message;
    none.hidden = !empty;
  }

  function apply() {
    var f = chosen();
    keepInAddress(f);
    if (!f.status && !f.lead && !f.theme && !f.partnership) {
      show(original, originalCount, false);
      if (pagination) pagination.hidden = false;
      return;
    }
    load(function () {
      var matching = records.filter(function (r) {
        if (f.status === "overdue" ? !r.overdue : f.status === "no-update" ? !r.no_update
            : f.status && r.status !== f.status) return false;
        if (f.lead && (r.lead || "Not recorded") !== f.lead) return false;
        if (f.theme && r.themes.indexOf(f.theme) < 0) return false;
        if (f.partnership && r.brief.partnership !== f.partnership) return false;
        return true;
      });
      show(matching.map(rowFor), "Showing " + matching.length + " of " + records.length + " recommendations.",
        matching.length === 0);
      if (pagination) pagination.hidden = true;
    });
  }

  /* Filters from the address, where they name an option that exists. */
  var params = new URLSearchParams(location.search);
  FILTERS.forEach(function (name) {
    var value = params.get(name);
    var select = form.elements[name];
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.value = value;
    }
  });
  FILTERS.forEach(function (name) { form.elements[name].addEventListener("change", apply); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  section.querySelector("[data-lb-rec-clear]").addEventListener("click", function () {
    FILTERS.forEach(function (name) { form.elements[name].value = ""; });
    apply();
    form.elements.status.focus();
  });
  if (FILTERS.some(function (name) { return form.elements[name].value; })) apply();
})();
