/* Record pages in tabs (Bootstrap's tab plugin): open the tab a refused form asks for
   (`data-open-tab`, set by the view), the one the address's #hash names or holds, or the one
   the last write came from, so a person lands where they were working; a chosen tab is kept
   in the address, so a reload or a shared link shows it. Without JavaScript every pane is
   still in the page. No inline script: the CSP forbids it. */
(function () {
  "use strict";
  var KEY = "open-tab:" + window.location.pathname;

  function paneOf(id) {
    var target = id ? document.getElementById(id) : null;
    if (!target) return null;
    return target.classList.contains("tab-pane") ? target : target.closest(".tab-pane");
  }

  function open(pane) {
    var button = pane && pane.id
      ? document.querySelector('[data-bs-toggle="tab"][data-bs-target="#' + pane.id + '"]')
      : null;
    if (!button || !window.bootstrap) return false;
    window.bootstrap.Tab.getOrCreateInstance(button).show();
    return true;
  }

  function takeRemembered() {
    try {
      var id = window.sessionStorage.getItem(KEY);
      window.sessionStorage.removeItem(KEY);
      return id;
    } catch (error) {
      return null; // private mode: the page opens on its first tab
    }
  }

  function hashId() {
    return decodeURIComponent(window.location.hash.slice(1));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var remembered = takeRemembered();
    var asked = document.querySelector("[data-open-tab]");
    var hash = hashId();
    var pane = paneOf(asked && asked.dataset.openTab) || paneOf(hash) || paneOf(remembered);
    if (pane && open(pane) && hash) {
      var target = document.getElementById(hash);
      if (target && target !== pane) target.scrollIntoView();
    }
    // A write made from a tab comes back to that tab.
    document.addEventListener("submit", function (event) {
      var from = event.target.closest(".tab-pane");
      try {
        if (from) window.sessionStorage.setItem(KEY, from.id);
      } catch (error) {
        /* private mode */
      }
    });
    document.querySelectorAll('[data-bs-toggle="tab"]').forEach(function (button) {
      button.addEventListener("shown.bs.tab", function () {
        var target = button.getAttribute("data-bs-target");
        if (target && window.history.replaceState) window.history.replaceState(null, "", target);
        // A map drawn while its tab was hidden has no size: a resize makes it measure again.
        window.dispatchEvent(new Event("resize"));
      });
    });
  });
  window.addEventListener("hashchange", function () {
    open(paneOf(hashId()));
  });
})();
