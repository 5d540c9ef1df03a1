/* Site search over the Pagefind index in pagefind/ (docs/search.md), in Material's search box.
   Pagefind loads on first use and then fetches only the index chunks a query needs. Results show
   the page's kind, its date and an excerpt; the Filters panel narrows by kind, organization,
   topic and year. Keyboard: f, s or / opens the box (as in Material), Escape closes it, the
   arrow keys move through the results, Enter opens the first. */
(function () {
  "use strict";
  var root = document.querySelector("[data-portal-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var form = root.querySelector("form");
  var box = root.querySelector(".md-search__input");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var filtersPanel = root.querySelector(".portal-search__filters");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-facet]"));
  var MAX = 20;
  var pagefind = null;
  var loading = null;
  var sequence = 0;
  var timer = 0;

  function absolute(path) { return new URL(path, document.baseURI).href; }

  function load() {
    if (!loading) {
      loading = import(absolute(root.dataset.bundle + "pagefind.js")).then(function (pf) {
        return pf.options({
          baseUrl: new URL(root.dataset.root || ".", document.baseURI).pathname,
          excerptLength: 24,
          // A match in an entity's own names (the "names" meta of its record) outweighs any number of
          // mentions elsewhere; titles count less, or every article titled with a name would compete
          // (docs/search.md, "Ranking").
          ranking: { metaWeights: { names: 10, event: 3, title: 0.5 } }
        }).then(function () { return pf.init(); }).then(function () {
          pagefind = pf;
          filtersPanel.hidden = false;
          if (!box.value.trim()) meta.textContent = "Type to start searching";
          else run();
          return pf;
        });
      }).catch(function (error) {
        meta.textContent = "Search is unavailable: " + error.message;
        throw error;
      });
    }
    return loading;
  }

  function activeFilters() {
    var out = {};
    var any = false;
    selects.forEach(function (s) { if (s.value) { out[s.dataset.facet] = s.value; any = true; } });
    return any ? out : null;
  }

  // The proper suffixes of the Chinese names a record indexes so that parts of a name find it
  // (generator/outputs/search.py, han_suffixes): words for the index, not for the reader.
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  function hanSuffixes(text) {
    var out = {};
    (text.match(HAN) || []).forEach(function (run) {
      for (var i = 1; i < run.length; i++) out[run.slice(i)] = true;
    });
    return out;
  }

  function withoutSuffixes(excerpt, hide) {
    return excerpt.split(/(\s+)/).filter(function (token, i, all) {
      var word = token.replace(/<\/?mark>/g, "").replace(/[.,;:·]+$/, "");
      if (hide[word]) { all[i + 1] = ""; return false; }  // the word and the space after it
      return true;
    }).join("").trim();
  }

  function excerptNodes(excerpt) {
    // Pagefind's excerpt is the page's text, unescaped, with <mark> around the words found. Only
    // those marks become elements; everything else, markup-like text included, stays text.
    var out = document.createDocumentFragment();
    var marked = false;
    excerpt.split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      if (!part) return;
      var node = document.createTextNode(part);
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(node);
        node = mark;
      }
      out.appendChild(node);
    });
    return out;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    a.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var h = document.createElement("h1");
    h.textContent = data.meta.title || data.url;
    var info = document.createElement("p");
    info.className = "portal-search__kind";
    info.textContent = [data.meta.kind, data.meta.date].filter(Boolean).join(" · ");
    var p = document.createElement("p");
    var names = data.meta.names || data.meta.event || data.meta.title || "";
    p.appendChild(excerptNodes(withoutSuffixes(data.excerpt || "", hanSuffixes(names))));
    article.appendChild(h);
    article.appendChild(info);
    article.appendChild(p);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function normal(text) { return text.toLowerCase().replace(/\s+/g, " ").trim(); }

  // A page whose own name (or short name, alias, Chinese name: the "names" and "event" metas of its
  // record) is exactly the query goes first. Pagefind's scores cannot tell "Shanghai" the place from
  // the many organizations whose names start with Shanghai; the query can.
  function exactFirst(pages, query) {
    var q = normal(query);
    if (!q) return pages;
    var exact = pages.filter(function (p) {
      var names = (p.meta.names || p.meta.event || "").split(" · ");
      return names.some(function (n) { return normal(n) === q; });
    });
    return exact.concat(pages.filter(function (p) { return exact.indexOf(p) === -1; }));
  }

  function count(n) {
    if (n === 0) return "No matching documents";
    return n === 1 ? "1 matching document" : n + " matching documents";
  }

  function run() {
    var query = box.value.trim();
    var filters = activeFilters();
    var mine = ++sequence;
    if (!query && !filters) {
      list.replaceChildren();
      meta.textContent = pagefind ? "Type to start searching" : "Initializing search";
      return;
    }
    if (!pagefind) return;  // load() runs the query once the index is ready
    pagefind.search(query || null, filters ? { filters: filters } : {}).then(function (search) {
      if (mine !== sequence || !search) return;
      return Promise.all(search.results.slice(0, MAX).map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== sequence) return;
        list.replaceChildren.apply(list, exactFirst(pages, query).map(item));
        meta.textContent = count(search.results.length);
      });
    });
  }

  function schedule() {
    clearTimeout(timer);
    if (!box.value.trim()) { run(); return; }
    timer = setTimeout(run, 80);  // one query per burst of keys
  }

  function fillFilters() {
    if (selects[0].options.length > 1) return;
    pagefind.filters().then(function (facets) {
      selects.forEach(function (select) {
        var values = Object.keys(facets[select.dataset.facet] || {});
        values.sort(select.dataset.facet === "year" ? function (a, b) { return b.localeCompare(a); }
                                                    : function (a, b) { return a.localeCompare(b); });
        values.forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value + " (" + facets[select.dataset.facet][value] + ")";
          select.appendChild(option);
        });
      });
    });
  }

  function open() {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    box.focus();
  }

  function close() {
    if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
    box.blur();
  }

  function results() { return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link")); }

  box.addEventListener("focus", function () { load(); if (!toggle.checked) open(); });
  box.addEventListener("input", schedule);
  box.addEventListener("keyup", schedule);  // an input method may commit text without an input event
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = results()[0];
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () { setTimeout(function () { run(); box.focus(); }, 0); });
  toggle.addEventListener("change", function () {
    document.body.classList.toggle("portal-search-open", toggle.checked);
    if (toggle.checked) { load(); box.focus(); }
  });
  filtersPanel.addEventListener("toggle", function () { if (filtersPanel.open && pagefind) fillFilters(); });
  selects.forEach(function (s) { s.addEventListener("change", run); });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var target = e.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (toggle.checked) {
      var links = results();
      var at = links.indexOf(document.activeElement);
      if (e.key === "Escape") { e.preventDefault(); close(); }
      else if (e.key === "ArrowDown" && links.length) { e.preventDefault(); links[Math.min(at + 1, links.length - 1)].focus(); }
      else if (e.key === "ArrowUp" && at >= 0) { e.preventDefault(); (at === 0 ? box : links[at - 1]).focus(); }
      return;
    }
    if (!typing && (e.key === "f" || e.key === "s" || e.key === "/")) { e.preventDefault(); open(); }
  });
})();
