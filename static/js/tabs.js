/* Record pages in tabs (Bootstrap's tab plugin): the tab named by the address's #hash, or
   holding the element it names, opens on load, and an opened tab is kept in the address so
   a reload or a shared link shows the same tab. No inline script: the CSP forbids it. */
(function () {
  "use strict";

  function tabFor(target) {
    if (!target) return null;
    var pane = target.classList.contains("tab-pane") ? target : target.closest(".tab-pane");
    if (!pane || !pane.id) return null;
    return document.querySelector('[data-bs-toggle="tab"][data-bs-target="#' + pane.id + '"]');
  }

  function showHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id || !window.bootstrap) return;
    var button = tabFor(document.getElementById(id));
    if (button) window.bootstrap.Tab.getOrCreateInstance(button).show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    showHash();
    document.querySelectorAll('[data-bs-toggle="tab"]').forEach(function (button) {
      button.addEventListener("shown.bs.tab", function () {
        var target = button.getAttribute("data-bs-target");
        if (target && window.history.replaceState) window.history.replaceState(null, "", target);
      });
    });
  });
  window.addEventListener("hashchange", showHash);
})();
