/* Small progressive enhancements shared by every page, and the helpers the
   other scripts share (window.lbShared). This file comes first in the bundle
   (mkdocs.yml, extra_javascript); the others call the helpers when they run,
   never before. */
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  window.lbShared = {
    /* "2026-11-20" (or a Date) as "20 November 2026", the site's date style. */
    longDate: function (date) {
      if (!date) return "";
      if (typeof date === "string") {
        var p = date.split("-");
        return +p[2] + " " + MONTHS[+p[1] - 1] + " " + p[0];
      }
      return date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
    },
    /* {columns: [...], rows: [[...]]} (macros/render/script_data.py) as
       objects keyed by column name: never a value by its position. */
    named: function (table) {
      return table.rows.map(function (values) {
        var record = {};
        table.columns.forEach(function (column, index) { record[column] = values[index]; });
        return record;
      });
    }
  };

  document.documentElement.classList.add("lb-js");
  Array.prototype.forEach.call(document.querySelectorAll(".lb-js-only[hidden]"), function (node) {
    node.hidden = false;
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-lb-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  /* Not found: a handout's address from before it became a view of its brief's
     page (briefs/<slug>/handout.html, published in open data and bookmarked)
     goes on to that view. */
  var notFound = document.querySelector("[data-lb-not-found]");
  if (notFound && /\/briefs\/[^/]+\/handout\.html$/.test(location.pathname)) {
    /* Resolved against this address and checked to stay on this site: a path
       such as //elsewhere.example/briefs/x/handout.html must never lead away. */
    var view = new URL("./#" + notFound.getAttribute("data-lb-handout-anchor"), location.href);
    if (view.origin === location.origin) location.replace(view.href);
  }

  /* The feedback form's subject line, from the ?for= of the handout or seminar
     pack that linked here. Written as text, and short, so a link can only ever
     put words on the line. */
  var subject = document.querySelector("[data-lb-feedback-for]");
  if (subject) {
    var named = new URLSearchParams(location.search).get("for");
    if (named) subject.textContent = named.replace(/\s+/g, " ").trim().slice(0, 200);
  }

  /* The feedback form on paper: a box prints only what fits in it (a long
     role on one line, or a long answer where the box cannot grow), so what
     was typed is copied beside it as text, which print shows in its place. */
  var typedBoxes = document.querySelectorAll(".lb-feedback-form textarea, .lb-feedback-form input[type=text]");
  var copyTyped = function (box) {
    box.nextElementSibling.textContent = box.value;
    box.classList.toggle("lb-typed-source", box.value.trim() !== "");
  };
  Array.prototype.forEach.call(typedBoxes, function (box) {
    var copy = document.createElement("span");
    copy.className = "lb-typed";
    copy.setAttribute("aria-hidden", "true");
    box.insertAdjacentElement("afterend", copy);
    box.addEventListener("input", function () { copyTyped(box); });
  });
  /* Also just before printing: a browser may put back what was typed (after
     Back, say) without an input event. */
  if (typedBoxes.length) {
    window.addEventListener("beforeprint", function () { Array.prototype.forEach.call(typedBoxes, copyTyped); });
  }

  /* The theme's navigation drawer, by keyboard. Its menu button is a <label>
     for a hidden checkbox, which a keyboard cannot reach; it becomes a real
     button for assistive technology and the keyboard. While the drawer is
     closed on a narrow screen its links sit off screen, so the drawer is made
     inert: Tab cannot wander into links nobody can see. Escape closes it. */
  var drawer = document.getElementById("__drawer");
  var sidebar = document.querySelector(".md-sidebar--primary");
  var menu = document.querySelector('label.md-header__button[for="__drawer"]');
  if (drawer && sidebar && menu) {
    var offCanvas = window.matchMedia("(max-width: 76.234375em)");
    sidebar.id = sidebar.id || "lb-navigation";
    menu.setAttribute("aria-label", "Menu");
    menu.setAttribute("aria-controls", sidebar.id);
    /* While the drawer is open over the page, it is a dialog: everything it
       covers is inert, so Tab stays among what can be seen (the menu button,
       the drawer and the exit bar). */
    var covered = Array.prototype.slice.call(document.querySelectorAll(
      ".md-header__inner > :not(label[for=__drawer]), .md-sidebar--secondary, .md-content, .lb-footer, .md-skip, .lb-skip"));
    /* On a page with headings, the drawer holds its table of contents as a
       second panel, off to the side until its label is chosen: inert till then. */
    var tocToggle = document.getElementById("__toc");
    var tocPanel = sidebar.querySelector(".md-nav--primary .md-nav--secondary");
    var tocLabel = sidebar.querySelector('.md-nav--primary label.md-nav__link[for="__toc"]');
    /* A <label> for a theme checkbox, made a button: Enter or Space sets the
       checkbox as `next` says, as a click would, then moves focus on. */
    var asButton = function (label, checkbox, next, focusAfter) {
      label.setAttribute("role", "button");
      label.setAttribute("tabindex", "0");
      label.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        event.stopPropagation();  /* the theme would click the label too, undoing this */
        setChecked(checkbox, next(), focusAfter);
      });
    };
    var setChecked = function (checkbox, checked, focusAfter) {
      checkbox.checked = checked;
      checkbox.dispatchEvent(new Event("change"));
      sync();
      var target = focusAfter && focusAfter();
      if (target) target.focus();
    };
    var sync = function () {
      var hidden = offCanvas.matches && !drawer.checked;
      var open = offCanvas.matches && drawer.checked;
      sidebar.inert = hidden;
      covered.forEach(function (node) { node.inert = open; });
      if (tocPanel && tocToggle) {
        tocPanel.inert = offCanvas.matches && !tocToggle.checked;
        if (tocLabel) tocLabel.setAttribute("aria-expanded", String(tocToggle.checked));
      }
      menu.setAttribute("aria-expanded", String(drawer.checked));
    };
    var back = tocPanel && tocPanel.querySelector("label.md-nav__title");
    if (tocLabel && tocToggle) {
      asButton(tocLabel, tocToggle, function () { return !tocToggle.checked; },
        function () { return tocToggle.checked && back; });
      if (back) asButton(back, tocToggle, function () { return false; }, function () { return tocLabel; });
      tocToggle.addEventListener("change", sync);
    }
    asButton(menu, drawer, function () { return !drawer.checked; },
      function () { return drawer.checked && sidebar.querySelector("a[href], label[tabindex]"); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) setChecked(drawer, false, function () { return menu; });
    });
    drawer.addEventListener("change", sync);
    offCanvas.addEventListener("change", sync);
    sync();
  }

  /* A table wider than its column scrolls inside its labelled region; say so
     above it, since a phone shows no scroll bar until the table is touched. */
  Array.prototype.forEach.call(document.querySelectorAll(".lb-table-wrap"), function (wrap) {
    var hint = document.createElement("p");
    hint.className = "lb-scroll-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = "Scroll sideways to see the whole table →";
    wrap.parentNode.insertBefore(hint, wrap);
    var update = function () { hint.hidden = wrap.scrollWidth <= wrap.clientWidth + 1; };
    update();
    window.addEventListener("resize", update);
  });
})();
