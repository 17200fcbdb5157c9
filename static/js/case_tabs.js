// The case page's tabs (Bootstrap's, from its bundle): open the tab a link, a refused form or
// the last write asks for, so a person lands where they were working. Without JavaScript
// every pane is still in the page and the tab buttons do nothing harmful.
(function () {
  "use strict";
  var KEY = "case-tab:" + window.location.pathname;

  function buttonFor(pane) {
    return pane && document.querySelector("[data-bs-target='#" + pane.id + "']");
  }

  function open(pane) {
    var button = buttonFor(pane);
    if (!button || typeof bootstrap === "undefined") return false;
    bootstrap.Tab.getOrCreateInstance(button).show();
    return true;
  }

  function paneOf(id) {
    if (!id) return null;
    var target = document.getElementById(id);
    return target ? target.closest(".tab-pane") : null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panes = document.querySelector(".case-panes");
    if (!panes) return;
    var remembered = null;
    try {
      remembered = window.sessionStorage.getItem(KEY);
      window.sessionStorage.removeItem(KEY);
    } catch (error) {
      remembered = null;
    }
    var hash = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    var pane = paneOf(panes.dataset.openTab) || paneOf(hash) || paneOf(remembered);
    if (pane && open(pane) && hash) {
      var target = document.getElementById(hash);
      if (target && target !== pane) target.scrollIntoView();
    }
    // A write made from a tab comes back to that tab.
    panes.addEventListener("submit", function (event) {
      var from = event.target.closest(".tab-pane");
      try {
        if (from) window.sessionStorage.setItem(KEY, from.id);
      } catch (error) {
        /* private mode: the page opens on its overview */
      }
    });
    // A map drawn while its tab was hidden has no size: a resize makes it measure again.
    document.addEventListener("shown.bs.tab", function () {
      window.dispatchEvent(new Event("resize"));
    });
    // A chosen tab is kept in the address, so reloading or sharing it opens the same tab.
    document.querySelectorAll("[data-case-tabs] [data-bs-toggle='tab']").forEach(function (button) {
      button.addEventListener("click", function () {
        var id = button.dataset.bsTarget.replace(/^#/, "");
        if (window.history.replaceState) window.history.replaceState(null, "", "#" + id);
      });
    });
  });
})();
