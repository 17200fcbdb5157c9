// A record page's tabs (Bootstrap's): the tab holding the address's #fragment opens on load
// (a form's errors, an uploaded document, "#change-groups"), and the open tab is kept in the
// address so Back and a reload return to it. Without JavaScript every pane but the first is
// hidden by Bootstrap's CSS only when its JS runs, so nothing is lost.
(function () {
  "use strict";

  function paneOf(element) {
    return element && element.closest ? element.closest(".tab-pane") : null;
  }

  function show(pane) {
    if (!pane || typeof bootstrap === "undefined") return;
    var button = document.querySelector('[data-bs-toggle="tab"][data-bs-target="#' + pane.id + '"]');
    if (button) bootstrap.Tab.getOrCreateInstance(button).show();
  }

  function fromHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    var pane = target && target.classList.contains("tab-pane") ? target : paneOf(target);
    show(pane);
    if (target && pane !== target) target.scrollIntoView();
  }

  document.addEventListener("DOMContentLoaded", function () {
    // A form that came back with errors opens its tab.
    var invalid = document.querySelector(".tab-pane .field-errors, .tab-pane .errorlist");
    if (invalid) show(paneOf(invalid));
    fromHash();
    document.querySelectorAll('[data-bs-toggle="tab"]').forEach(function (button) {
      button.addEventListener("shown.bs.tab", function () {
        var target = button.getAttribute("data-bs-target");
        if (target && window.history.replaceState) window.history.replaceState(null, "", target);
      });
    });
  });
  window.addEventListener("hashchange", fromHash);
})();
