/* The board report's "changed since" date: the changes are all in the page,
   each with its date (data-lb-date); choosing a date shows those on or after
   it. The choice is kept in the address (?since=YYYY-MM-DD), so a printed or
   shared report says the same. Without JavaScript the page shows the last
   quarter, as built. */
(function () {
  "use strict";
  var root = document.querySelector("[data-lb-board-report]");
  if (!root) return;
  var field = root.querySelector("[data-lb-since-field]");
  var input = root.querySelector("[data-lb-since]");
  var heading = root.querySelector("[data-lb-since-text]");
  var none = root.querySelector("[data-lb-no-changes]");
  var items = Array.prototype.slice.call(root.querySelectorAll("[data-lb-changes] [data-lb-date]"));
  var valid = /^\d{4}-\d{2}-\d{2}$/;

  function apply(since) {
    var shown = 0;
    items.forEach(function (item) {
      var on = item.getAttribute("data-lb-date") >= since;
      item.hidden = !on;
      if (on) shown += 1;
    });
    none.hidden = shown > 0;
    heading.textContent = window.lbShared.longDate(since);
  }

  /* A date the page can answer: well formed, and within the changes it holds. */
  function answerable(date) { return valid.test(date) && date >= input.min && date <= input.max; }

  var asked = new URLSearchParams(location.search).get("since");
  if (asked && answerable(asked)) input.value = asked;
  else if (asked) {
    try { history.replaceState(null, "", location.pathname); } catch (e) { /* file:// */ }
  }
  field.hidden = false;
  apply(input.value || root.getAttribute("data-lb-default-since"));
  input.addEventListener("change", function () {
    if (!answerable(input.value)) return;
    apply(input.value);
    try { history.replaceState(null, "", location.pathname + "?since=" + input.value); } catch (e) { /* file:// */ }
  });
})();
