// Controls every page shares (README "Design"): type-ahead pickers (Tom Select) on long or
// multiple drop-downs, and list tables that read as cards on a phone. Each is a progressive
// enhancement: without JavaScript the plain <select> and the scrolling table still work.
(function () {
  "use strict";

  // A drop-down this long is searched, not scrolled.
  var TYPE_AHEAD_FROM = 15;

  function lookupLoader(url) {
    return function (query, callback) {
      var address = new URL(url, window.location.href);
      address.searchParams.set("q", query);
      fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (body) { callback(body.results || []); })
        .catch(function () { callback(); });
    };
  }

  function typeAhead(select) {
    if (select.tomselect || typeof TomSelect === "undefined") return;
    var options = {
      maxOptions: 200,
      allowEmptyOption: true,
      // Keep the text box in place while a single choice shows: Tom Select refuses a paste
      // into it while hidden, which Lighthouse counts against the page.
      hidePlaceholder: false,
      // Bengali and English names are both searched: labels may carry both, and
      // data-search on an option adds the other script's name (see core/forms.py).
      searchField: ["text", "search"],
      plugins: select.multiple ? ["remove_button"] : [],
      render: {
        no_results: function () {
          return '<div class="no-results">' + (select.dataset.noResults || "…") + "</div>";
        },
      },
    };
    if (select.dataset.lookupUrl) {
      options.load = lookupLoader(select.dataset.lookupUrl);
      options.valueField = "value";
      options.labelField = "text";
      options.shouldLoad = function (query) { return query.length >= 1; };
    }
    var label = select.labels && select.labels[0];
    var name = select.getAttribute("aria-label") || (label ? labelText(label) : "");
    var control = new TomSelect(select, options);
    // Tom Select points the <label for> at its own text box, which leaves the hidden
    // <select> nameless: both keep the label's words.
    if (name) {
      select.setAttribute("aria-label", name);
      if (control.control_input) control.control_input.setAttribute("aria-label", name);
    }
  }

  // The label's own words: a <label> wrapping its <select> would otherwise read out every
  // option.
  function labelText(label) {
    var copy = label.cloneNode(true);
    copy.querySelectorAll("select, .ts-wrapper").forEach(function (node) { node.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function wantsTypeAhead(select) {
    return (
      select.dataset.typeahead !== undefined ||
      select.multiple ||
      select.dataset.lookupUrl !== undefined ||
      select.options.length >= TYPE_AHEAD_FROM
    );
  }

  function labelCells(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (!cell.hasAttribute("data-label") && heads[index] && !cell.hasAttribute("colspan")) {
          cell.setAttribute("data-label", heads[index]);
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select").forEach(function (select) {
      if (select.dataset.typeahead === "off" || select.closest("[data-no-typeahead]")) return;
      if (wantsTypeAhead(select)) typeAhead(select);
    });
    document.querySelectorAll("table.list").forEach(labelCells);
  });
})();
