/* What the theme's bundle expects the page to define before it runs: a scope
   for what it keeps in the browser's storage, and helpers to read, write and
   hash. The theme prints these as an inline script; this file stands in for
   it (partials/javascripts/base.html) so that no page needs inline script.
   Deferred, from <head>: it runs before the theme's bundle, which comes later. */
(function () {
  "use strict";
  var scope = new URL(document.currentScript.getAttribute("data-md-scope"), location);

  function key(name, within) {
    return (within || scope).pathname + "." + name;
  }

  window.__md_scope = scope;
  window.__md_hash = function (text) {
    var hash = 0;
    for (var i = 0; i < text.length; i += 1) hash = ((hash << 5) - hash + text.charCodeAt(i)) | 0;
    return hash;
  };
  window.__md_get = function (name, storage, within) {
    return JSON.parse((storage || localStorage).getItem(key(name, within)));
  };
  window.__md_set = function (name, value, storage, within) {
    try {
      (storage || localStorage).setItem(key(name, within), JSON.stringify(value));
    } catch (e) { /* storage full or refused: the theme works without it */ }
  };
})();
