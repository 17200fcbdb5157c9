// Case intake forms: show the fields a type or forum needs (police station for a GR case,
// bench for the Supreme Court) and the number as the court writes it. The server decides;
// this only hides what does not apply.
(function () {
  "use strict";
  const form = document.getElementById("case-form");
  if (!form) return;

  function control(name) {
    // Plain on the new case page, prefixed ("appeal-number") on the appeal page.
    return form.querySelector("[name='" + name + "'], [name$='-" + name + "']");
  }

  function toggle() {
    form.querySelectorAll("[data-show-when]").forEach(function (input) {
      const parts = input.dataset.showWhen.split(":");
      const select = control(parts[0]);
      if (!select) return; // nothing to decide by on this page: keep it shown
      const wanted = parts[1].split(",");
      const field = input.closest(".field");
      const show = wanted.indexOf(select.value) !== -1 || input.value !== "";
      if (field) field.hidden = !show;
    });
  }

  let forms = {};
  try {
    forms = JSON.parse(form.dataset.numberForms || "{}");
  } catch (error) {
    forms = {};
  }

  function preview() {
    const target = document.getElementById("display-no");
    const type = control("case_type");
    const number = control("number");
    const year = control("year");
    const filed = control("filed_on");
    if (!target || !type || !number) return;
    let y = year && year.value.trim();
    if (!y && filed) {
      const match = filed.value.match(/([0-9\u09e6-\u09ef]{4})\s*$|^([0-9\u09e6-\u09ef]{4})-/);
      y = match ? match[1] || match[2] : "";
    }
    const text = forms[type.value] || forms.other || "";
    if (!number.value.trim() || !y || !text) {
      target.textContent = "—";
      return;
    }
    target.textContent = text.replace("{number}", number.value.trim()).replace("{year}", y);
  }

  // Picking a court already recorded fills its English and Bengali names; both stay
  // editable, and typing them by hand works without the picker.
  form.querySelectorAll("select[data-court-picker]").forEach(function (picker) {
    let courts = {};
    try {
      courts = JSON.parse(picker.dataset.courts || "{}");
    } catch (error) {
      courts = {};
    }
    picker.addEventListener("change", function () {
      if (!picker.value) return;
      const name = control("court_name");
      const nameBn = control("court_name_bn");
      if (name) name.value = picker.value;
      if (nameBn) nameBn.value = courts[picker.value] || "";
    });
  });

  form.addEventListener("change", function () { toggle(); preview(); });
  form.addEventListener("input", preview);
  toggle();
  preview();
})();
