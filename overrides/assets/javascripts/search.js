/* Site search: loads the prebuilt index in pieces, only when someone searches.
   The index files are plain scripts that call lbSearch.catalog/shard/summaries,
   so this works from a web server and from a folder opened with file://.
   Scoring happens at build time (macros/render/search_index.py); here we only
   add up scores, apply filters and show results. Nothing leaves the browser. */
(function () {
  "use strict";

  var PAGE_SIZE = 20;
  var cache = {};
  var waiting = {};
  var indexBase = "";

  function arrive(name, data) {
    cache[name] = data;
    (waiting[name] || []).forEach(function (done) { done[0](data); });
    delete waiting[name];
  }

  window.lbSearch = {
    catalog: function (data) {
      ["docs", "types", "themes", "partnerships"].forEach(function (name) { data[name] = window.lbShared.named(data[name]); });
      arrive("catalog", data);
    },
    shard: function (key, terms) { arrive("t/" + key, terms); },
    summaries: function (number, table) { arrive("s/" + number, window.lbShared.named(table)); }
  };

  function load(name) {
    if (cache[name]) return Promise.resolve(cache[name]);
    return new Promise(function (resolve, reject) {
      var first = !waiting[name];
      (waiting[name] = waiting[name] || []).push([resolve, reject]);
      if (!first) return;
      var script = document.createElement("script");
      script.src = indexBase + name + ".js";
      script.onerror = function () {
        (waiting[name] || []).forEach(function (done) { done[1](new Error("Could not load " + name)); });
        delete waiting[name];
      };
      document.head.appendChild(script);
    });
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\u00df/g, "ss");
  }

  function words(query, stopwords) {
    var seen = {};
    return (fold(query).match(/[0-9a-z]+/g) || []).filter(function (word) {
      if (word.length < 2 || stopwords[word] || seen[word]) return false;
      seen[word] = true;
      return true;
    }).map(function (word) { return word.slice(0, 30); });
  }

  /* doc number -> score for one word: the best of the terms it prefixes. */
  function scoresFor(word, shard) {
    var scores = {};
    if (!shard) return scores;
    Object.keys(shard).forEach(function (term) {
      if (term.lastIndexOf(word, 0) !== 0) return;
      var weight = term === word ? 1 : 0.8;
      var postings = shard[term];
      var doc = 0;
      for (var i = 0; i < postings.length; i += 2) {
        doc += postings[i];
        var score = postings[i + 1] * weight;
        if (!(scores[doc] >= score)) scores[doc] = score;
      }
    });
    return scores;
  }

  function matchesFilters(doc, filters, catalog) {
    var active = filters.type || filters.partnership || filters.year || filters.theme;
    if (!active) return true;
    if (doc.kind !== "brief") return false;
    if (filters.type && (doc.type < 0 || catalog.types[doc.type].id !== filters.type)) return false;
    if (filters.partnership && (doc.partnership < 0 || catalog.partnerships[doc.partnership].id !== filters.partnership)) return false;
    if (filters.year && String(doc.year) !== filters.year) return false;
    if (filters.theme) {
      var wanted = -1;
      catalog.themes.forEach(function (theme, index) { if (theme.id === filters.theme) wanted = index; });
      if (doc.themes.indexOf(wanted) < 0) return false;
    }
    return true;
  }

  function search(query, filters) {
    return load("catalog").then(function (catalog) {
      var stop = {};
      catalog.stopwords.forEach(function (word) { stop[word] = true; });
      var list = words(query, stop);
      var anyFilter = filters.type || filters.partnership || filters.year || filters.theme;
      if (!list.length) {
        if (!anyFilter) return { catalog: catalog, results: [], words: list };
        var all = [];
        catalog.docs.forEach(function (doc, number) {
          if (matchesFilters(doc, filters, catalog)) all.push({ doc: number, score: 0 });
        });
        return { catalog: catalog, results: sortResults(all, catalog), words: list };
      }
      var keys = {};
      list.forEach(function (word) {
        var key = word.slice(0, 2);
        if (catalog.shards.indexOf(key) >= 0) keys[key] = true;
      });
      return Promise.all(Object.keys(keys).map(function (key) { return load("t/" + key); })).then(function () {
        var total = null;
        list.forEach(function (word) {
          var scores = scoresFor(word, cache["t/" + word.slice(0, 2)]);
          if (total === null) { total = scores; return; }
          var next = {};
          Object.keys(total).forEach(function (doc) {
            if (scores[doc] !== undefined) next[doc] = total[doc] + scores[doc];
          });
          total = next;
        });
        var results = [];
        Object.keys(total || {}).forEach(function (doc) {
          if (matchesFilters(catalog.docs[doc], filters, catalog)) results.push({ doc: +doc, score: total[doc] });
        });
        return { catalog: catalog, results: sortResults(results, catalog), words: list };
      });
    });
  }

  function sortResults(results, catalog) {
    return results.sort(function (a, b) {
      if (b.score !== a.score) return b.score - a.score;
      var da = catalog.docs[a.doc].date, db = catalog.docs[b.doc].date;
      return da < db ? 1 : da > db ? -1 : a.doc - b.doc;
    });
  }

  var KIND_NAMES = { brief: "Brief", quiz: "Quiz", theme: "Theme", page: "Page" };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function init(container) {
    /* The home page's address, as a folder ("../../"), also when pages end in .html (file://). */
    var root = container.getAttribute("data-lb-root").replace(/index\.html$/, "");
    indexBase = container.getAttribute("data-lb-index").replace(/catalog\.js$/, "");
    var form = container.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var status = container.querySelector(".lb-search__status");
    var heading = container.querySelector(".lb-search__heading");
    var list = container.querySelector(".lb-search__results");
    var more = container.querySelector(".lb-search__more");
    var shown = 0;
    var current = null;
    var generation = 0;
    var timer = null;

    form.hidden = false;
    form.action = "";

    var params = new URLSearchParams(location.search);
    ["q", "type", "partnership", "year", "theme"].forEach(function (name) {
      var field = form.elements[name];
      if (field && params.get(name)) field.value = params.get(name);
    });
    var filterFields = form.querySelector("[data-lb-filters]");
    if (filterFields && ["type", "partnership", "year", "theme"].some(function (name) { return params.get(name); })) {
      filterFields.open = true;
    }

    function filters() {
      return {
        type: form.elements.type.value,
        partnership: form.elements.partnership.value,
        year: form.elements.year.value,
        theme: form.elements.theme.value
      };
    }

    function remember() {
      var query = new URLSearchParams();
      if (input.value.trim()) query.set("q", input.value.trim());
      var f = filters();
      Object.keys(f).forEach(function (key) { if (f[key]) query.set(key, f[key]); });
      var text = query.toString();
      try { history.replaceState(null, "", text ? "?" + text : location.pathname); } catch (e) { /* file:// */ }
    }

    function showMore() {
      var catalog = current.catalog;
      var slice = current.results.slice(shown, shown + PAGE_SIZE);
      var chunks = {};
      slice.forEach(function (result) { chunks[Math.floor(result.doc / catalog.chunk)] = true; });
      var mine = generation;
      return Promise.all(Object.keys(chunks).map(function (n) { return load("s/" + n); })).then(function () {
        if (mine !== generation) return;
        slice.forEach(function (result) {
          var doc = catalog.docs[result.doc];
          /* What the result shows: its chunk's row, loaded above. */
          var entry = cache["s/" + Math.floor(result.doc / catalog.chunk)][result.doc % catalog.chunk];
          var item = element("li", "lb-card");
          var title = element("h3", "lb-card__title");
          var link = element("a", "", entry.title);
          link.href = root + entry.url;
          title.appendChild(link);
          item.appendChild(title);
          var meta = [KIND_NAMES[doc.kind] || doc.kind];
          if (doc.type >= 0) meta.push(catalog.types[doc.type].name);
          if (doc.partnership >= 0) meta.push(catalog.partnerships[doc.partnership].name);
          if (doc.date) meta.push(window.lbShared.longDate(doc.date));
          item.appendChild(element("p", "lb-card__meta", meta.join(" · ")));
          if (entry.summary) item.appendChild(element("p", "lb-card__summary", entry.summary));
          list.appendChild(item);
        });
        shown += slice.length;
        more.hidden = shown >= current.results.length;
      });
    }

    function run() {
      var mine = ++generation;
      var query = input.value;
      var f = filters();
      remember();
      return search(query, f).then(function (outcome) {
        if (mine !== generation) return;
        current = outcome;
        shown = 0;
        list.textContent = "";
        var count = outcome.results.length;
        var searched = outcome.words.length || f.type || f.partnership || f.year || f.theme;
        heading.hidden = !count;
        more.hidden = true;
        if (!searched) {
          status.textContent = query.trim() ? "Type at least two letters of a word." : "";
          return;
        }
        status.textContent = count === 0
          ? "No results. Try fewer or different words, or remove a filter."
          : count + (count === 1 ? " result" : " results") + (query.trim() ? " for \u201c" + query.trim() + "\u201d" : "") + ".";
        return showMore();
      }).catch(function () {
        status.textContent = "The search index could not be loaded. Reload the page to try again.";
      });
    }

    // A short pause only, so results follow the typing closely (within 300 ms
    // at 2,000 briefs); older searches still running are ignored by `generation`.
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 50);
    });
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
      select.addEventListener("change", run);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener("click", function () {
      var before = shown;
      showMore().then(function () {
        var next = list.children[before];
        if (next) next.querySelector("a").focus();
      });
    });

    if (input.value || params.toString()) run();
  }

  var container = document.querySelector("[data-lb-search]");
  if (container) init(container);
})();
