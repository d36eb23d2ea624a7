/* Filters for the recommendations tracker. Without this script every row is
   still listed, page by page. With it, the filters search every row of every
   page, from data the build wrote (recommendations/data.js); nothing is sent. */
(function () {
  "use strict";
  var form = document.querySelector("[data-lb-rec-filter]");
  if (!form) return;
  var tbody = document.querySelector("[data-lb-rec-rows]");
  var count = document.querySelector("[data-lb-rec-count]");
  var pagination = document.querySelector(".lb-pagination");
  var root = form.getAttribute("data-lb-root").replace(/index\.html$/, "");
  var original = tbody.innerHTML;
  var originalCount = count.textContent;
  var rows = null;
  var waiting = [];

  /* data.js names each brief and theme once; rows refer to them by position. */
  window.lbRecommendations = function (data) {
    rows = data.rows.map(function (r) {
      var brief = data.briefs[r[0]];
      return {
        brief_title: brief[0], brief_path: brief[1], partnership: brief[2], number: r[1], text: r[2],
        lead: r[3], themes: r[4], theme_titles: r[4].map(function (t) { return data.themes[t] || t; }),
        status: r[5], status_name: data.statuses[r[5]], due: r[6], overdue: r[7] === 1, evidence: r[8]
      };
    });
    waiting.forEach(function (done) { done(); });
    waiting = [];
  };

  function load(done) {
    if (rows) return done();
    waiting.push(done);
    if (waiting.length > 1) return;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-lb-rec-data");
    script.onerror = function () { count.textContent = "The filter data could not be loaded."; };
    document.head.appendChild(script);
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    if (text) td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function longDate(iso) {
    var months = ["January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"];
    var p = iso.split("-");
    return +p[2] + " " + months[+p[1] - 1] + " " + p[0];
  }

  function render(matching) {
    tbody.textContent = "";
    matching.forEach(function (record) {
      var tr = document.createElement("tr");
      cell(tr, record.text);
      var brief = cell(tr, "");
      var link = document.createElement("a");
      link.href = root + record.brief_path + "#rec-" + record.number;
      link.textContent = record.brief_title;
      brief.appendChild(link);
      brief.appendChild(document.createTextNode(" (no. " + record.number + ")"));
      cell(tr, record.partnership);
      cell(tr, record.lead || "Not recorded");
      cell(tr, record.theme_titles.join(", "));
      var status = cell(tr, "");
      var badge = document.createElement("span");
      badge.className = "lb-status lb-status--" + (record.status === "not-recorded" ? "none" : record.status);
      badge.textContent = record.status_name;
      status.appendChild(badge);
      var due = cell(tr, record.due ? longDate(record.due) : "Not set");
      if (record.overdue) {
        var flag = document.createElement("strong");
        flag.className = "lb-overdue";
        flag.textContent = " Overdue";
        due.appendChild(flag);
      }
      cell(tr, record.evidence);
      tbody.appendChild(tr);
    });
  }

  function apply() {
    var f = {
      status: form.elements.status.value,
      lead: form.elements.lead.value,
      theme: form.elements.theme.value,
      partnership: form.elements.partnership.value
    };
    if (!f.status && !f.lead && !f.theme && !f.partnership) {
      tbody.innerHTML = original;
      count.textContent = originalCount;
      if (pagination) pagination.hidden = false;
      return;
    }
    load(function () {
      var matching = rows.filter(function (r) {
        if (f.status === "overdue" ? !r.overdue : f.status && r.status !== f.status) return false;
        if (f.lead && (r.lead || "Not recorded") !== f.lead) return false;
        if (f.theme && r.themes.indexOf(f.theme) < 0) return false;
        if (f.partnership && r.partnership !== f.partnership) return false;
        return true;
      });
      render(matching);
      if (pagination) pagination.hidden = true;
      count.textContent = "Showing " + matching.length + " of " + rows.length + " recommendations.";
    });
  }

  Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
    select.addEventListener("change", apply);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
})();
