// newsgraph web UI: small progressive enhancements.  Data is never written into the page as
// HTML: this script only adds and removes CSS classes on elements the server rendered.
(function () {
  "use strict";

  function setupLegend() {
    var text = document.getElementById("text");
    var legend = document.getElementById("legend");
    if (!text || !legend) { return; }
    legend.addEventListener("change", function (ev) {
      var box = ev.target;
      if (!box || !box.dataset || !box.dataset.kind) { return; }
      text.classList.toggle("hide-" + box.dataset.kind, !box.checked);
    });
  }

  function setupEvents() {
    var text = document.getElementById("text");
    var panel = document.getElementById("events-panel");
    if (!text || !panel) { return; }
    var lit = [];
    function clear() {
      lit.forEach(function (el) { el.classList.remove("lit"); });
      lit = [];
    }
    function light(idx) {
      clear();
      if (!/^\d+$/.test(idx)) { return; }
      var els = text.querySelectorAll('[data-ev~="' + idx + '"]');
      els.forEach(function (el) { el.classList.add("lit"); lit.push(el); });
      if (els.length) {
        var r = els[0].getBoundingClientRect();
        if (r.top < 0 || r.bottom > window.innerHeight) { els[0].scrollIntoView({ block: "center", behavior: "smooth" }); }
      }
    }
    panel.querySelectorAll("li.event").forEach(function (li) {
      li.addEventListener("mouseenter", function () { light(li.dataset.ev || ""); });
      li.addEventListener("focus", function () { light(li.dataset.ev || ""); });
      li.addEventListener("mouseleave", clear);
      li.addEventListener("blur", clear);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupLegend();
    setupEvents();
  });
})();
