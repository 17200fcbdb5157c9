// Tom Select (static/js/controls.js) moves a <select>'s <label for> to its own text box, which
// leaves the original, still in the page for forms and screen readers' form lists, without a
// name (axe: "select-name"). Give it the label's text again once the type-aheads are built.
// (Better done in controls.js itself; until then the case and calendar pages load this.)
window.addEventListener("load", function () {
  "use strict";
  document.querySelectorAll("select.tomselected, select.ts-hidden-accessible").forEach(function (select) {
    if (select.hasAttribute("aria-label") || select.hasAttribute("aria-labelledby")) return;
    var label = document.querySelector("label[for='" + select.id + "-ts-control']");
    var input = select.tomselect && select.tomselect.control_input;
    var name = (label && label.textContent.trim()) || (input && input.getAttribute("aria-label"));
    if (name) select.setAttribute("aria-label", name);
  });
});
