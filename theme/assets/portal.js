/* Timeline filters: progressive enhancement over the server-rendered list.
   The filtered view lives in the URL query (?year=2017&org=smbqts) so it can be shared. */
(function () {
  "use strict";
  function init() {
    var form = document.querySelector("[data-portal-filters]");
    var list = document.querySelector("[data-portal-timeline]");
    var labelsEl = document.querySelector("[data-portal-labels]");
    if (!form || !list || !labelsEl || form.dataset.ready) return;
    form.dataset.ready = "1";
    var labels = JSON.parse(labelsEl.textContent);
    var events = Array.prototype.slice.call(list.querySelectorAll(".portal-event"));
    var sections = Array.prototype.slice.call(list.querySelectorAll(".portal-timeline__year"));
    var marks = Array.prototype.slice.call(document.querySelectorAll("[data-portal-mark]"));
    var fields = {
      year: { attr: "year", options: {} },
      kind: { attr: "kind", options: labels.kind },
      org: { attr: "orgs", options: labels.org },
      place: { attr: "places", options: labels.place }
    };
    sections.forEach(function (s) { fields.year.options[s.dataset.year] = s.dataset.year; });
    Object.keys(fields).forEach(function (name) {
      var select = form.elements[name];
      Object.keys(fields[name].options).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = fields[name].options[value];
        select.appendChild(option);
      });
    });
    var output = form.querySelector("output");

    function apply(pushState) {
      var query = new URLSearchParams();
      var active = {};
      Object.keys(fields).forEach(function (name) {
        var value = form.elements[name].value;
        if (value) { active[name] = value; query.set(name, value); }
      });
      var shown = 0;
      events.forEach(function (el) {
        var ok = Object.keys(active).every(function (name) {
          var values = (el.dataset[fields[name].attr] || "").split(" ");
          return values.indexOf(active[name]) !== -1;
        });
        el.hidden = !ok;
        if (ok) shown += 1;
      });
      marks.forEach(function (el) {  // the same events on the year axis (partials/timeline-axis.html)
        var ok = Object.keys(active).every(function (name) {
          return (el.getAttribute("data-" + fields[name].attr) || "").split(" ").indexOf(active[name]) !== -1;
        });
        el.style.display = ok ? "" : "none";
      });
      sections.forEach(function (s) {
        s.hidden = !s.querySelector(".portal-event:not([hidden])");
        Array.prototype.forEach.call(s.querySelectorAll(".portal-events"), function (ol) {
          var h = ol.previousElementSibling;
          var empty = !ol.querySelector(".portal-event:not([hidden])");
          ol.hidden = empty;
          if (h) h.hidden = empty;
        });
      });
      output.textContent = shown + " of " + events.length + " events";
      if (pushState) {
        var qs = query.toString();
        history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    Object.keys(fields).forEach(function (name) {
      var value = params.get(name);
      if (value && fields[name].options[value] !== undefined) form.elements[name].value = value;
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply(false);
  }
  // Material's instant loading swaps pages without a reload; document$ fires for each page.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();

/* Upcoming: the build listed the events still ahead on its day; the reader's today decides (a site built
   last month must not call last week's event upcoming). Passed ones are marked, not hidden, so the list
   reads the same with and without JavaScript. */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function init() {
    var now = new Date();
    var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    Array.prototype.forEach.call(document.querySelectorAll("[data-portal-upcoming]"), function (section) {
      var left = 0;
      Array.prototype.forEach.call(section.querySelectorAll("[data-portal-until]"), function (li) {
        var past = li.getAttribute("data-portal-until") < today;  // ISO dates compare as text
        li.classList.toggle("portal-past", past);
        var mark = li.querySelector(".portal-past-mark");
        if (mark) mark.hidden = !past;
        if (!past) left += 1;
      });
      var note = section.querySelector("[data-portal-as-of]");
      if (note) {
        var day = now.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
        note.textContent = (left ? "Dates still ahead on " : "Nothing announced after ") + day + " (today).";
      }
    });
  }
  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
