// One date picker for every date field (README "Design"): a calendar that opens from a
// button beside the text box and writes dd/mm/yyyy, in Bengali digits on Bangla pages (the
// field accepts both: core/forms.py LocalDateField). The text box keeps working on its own:
// typing a date is never replaced, only helped.
//
// Fields: every <input data-datepicker> (core/forms.py LocalDateInput, which also gives the
// button's and the calendar's names in data-picker-* attributes, in the page's language).
// Keyboard: the button opens the calendar on the chosen day; arrows move a day or a week,
// Page Up/Down a month, Home/End the start and end of the week, Enter or Space picks,
// Escape closes and returns to the button.
//
// The Bangla calendar date: when this script's tag carries data-bangla-date-url (base.html
// adds it when the reader's preference shows Bangla calendar dates), the Bangla date of the
// field's date is shown beside it, as the server computes it (core/bangla_calendar.py: one
// rule, not a copy of it here).
(function () {
  "use strict";

  var script = document.currentScript;
  var BANGLA_URL = script ? script.getAttribute("data-bangla-date-url") : null;
  var BN_DIGITS = "০১২৩৪৫৬৭৮৯";
  // Bangladesh's week starts on Saturday (6 in JavaScript's numbering).
  var WEEK_START = 6;
  var openPicker = null;

  function bangla() {
    return (document.documentElement.lang || "").toLowerCase().indexOf("bn") === 0;
  }

  function toAscii(text) {
    return text.replace(/[০-৯]/g, function (d) { return String(BN_DIGITS.indexOf(d)); });
  }

  function localDigits(text) {
    if (!bangla()) return text;
    return text.replace(/[0-9]/g, function (d) { return BN_DIGITS[Number(d)]; });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // The field's text as a date (the forms LocalDateField accepts), or null.
  function parse(text) {
    var t = toAscii(text || "").trim();
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
    var y, mo, d;
    if (m) { y = +m[1]; mo = +m[2]; d = +m[3]; } else {
      m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
      if (!m) return null;
      d = +m[1]; mo = +m[2]; y = +m[3];
    }
    var date = new Date(y, mo - 1, d);
    if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
    return date;
  }

  function format(date) {
    return localDigits(pad(date.getDate()) + "/" + pad(date.getMonth() + 1) + "/" + date.getFullYear());
  }

  function sameDay(a, b) {
    return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() &&
      a.getDate() === b.getDate();
  }

  function addDays(date, n) { return new Date(date.getFullYear(), date.getMonth(), date.getDate() + n); }

  function addMonths(date, n) {
    var target = new Date(date.getFullYear(), date.getMonth() + n, 1);
    var last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
    return new Date(target.getFullYear(), target.getMonth(), Math.min(date.getDate(), last));
  }

  function locale() { return bangla() ? "bn-BD" : "en-GB"; }

  function monthTitle(date) {
    return new Intl.DateTimeFormat(locale(), { month: "long", year: "numeric" }).format(date);
  }

  function dayName(date) {
    return new Intl.DateTimeFormat(locale(), {
      weekday: "long", day: "numeric", month: "long", year: "numeric",
    }).format(date);
  }

  function weekdayShort(date) {
    return new Intl.DateTimeFormat(locale(), { weekday: "short" }).format(date);
  }

  function button(className, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    if (label) b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function Picker(input) {
    this.input = input;
    var data = input.dataset;
    var group = document.createElement("div");
    group.className = "input-group lc-date";
    input.parentNode.insertBefore(group, input);
    group.appendChild(input);
    this.toggle = button("btn btn-outline-secondary lc-date-open", data.pickerOpen || "Calendar", "");
    this.toggle.setAttribute("aria-haspopup", "dialog");
    this.toggle.setAttribute("aria-expanded", "false");
    this.toggle.innerHTML = '<svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">' +
      '<rect x="2.5" y="4" width="15" height="13.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.6"/>' +
      '<path d="M2.5 8h15M6.5 2v4M13.5 2v4" stroke="currentColor" stroke-width="1.6" fill="none"/></svg>';
    group.appendChild(this.toggle);
    this.group = group;
    this.labels = data;
    var self = this;
    this.toggle.addEventListener("click", function () {
      if (self.dialog) self.close(true); else self.open();
    });
    if (BANGLA_URL) {
      this.note = document.createElement("span");
      this.note.className = "form-text lc-bangla-date";
      this.note.setAttribute("aria-live", "polite");
      group.parentNode.insertBefore(this.note, group.nextSibling);
      input.addEventListener("change", function () { self.showBanglaDate(); });
      this.showBanglaDate();
    }
  }

  Picker.prototype.showBanglaDate = function () {
    var note = this.note;
    var text = this.input.value.trim();
    if (!text) { note.textContent = ""; return; }
    var address = new URL(BANGLA_URL, window.location.href);
    address.searchParams.set("on", text);
    fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { date: "" }; })
      .then(function (body) { note.textContent = body.date || ""; })
      .catch(function () { note.textContent = ""; });
  };

  Picker.prototype.open = function () {
    if (openPicker && openPicker !== this) openPicker.close(false);
    openPicker = this;
    this.chosen = parse(this.input.value);
    this.focus = this.chosen || new Date();
    var dialog = document.createElement("div");
    dialog.className = "lc-date-dialog";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", this.labels.pickerDialog || "Calendar");
    var head = document.createElement("div");
    head.className = "lc-date-head";
    this.previous = button("btn btn-outline-secondary lc-date-nav", this.labels.pickerPrevious, "‹");
    this.next = button("btn btn-outline-secondary lc-date-nav", this.labels.pickerNext, "›");
    this.title = document.createElement("div");
    this.title.className = "lc-date-title";
    this.title.setAttribute("aria-live", "polite");
    head.appendChild(this.previous);
    head.appendChild(this.title);
    head.appendChild(this.next);
    dialog.appendChild(head);
    this.grid = document.createElement("table");
    this.grid.className = "lc-date-grid";
    dialog.appendChild(this.grid);
    var close = button("btn btn-link lc-date-close", null, this.labels.pickerClose || "Close");
    dialog.appendChild(close);
    this.group.parentNode.insertBefore(dialog, this.group.nextSibling);
    this.dialog = dialog;
    this.toggle.setAttribute("aria-expanded", "true");

    var self = this;
    this.previous.addEventListener("click", function () { self.move(addMonths(self.focus, -1), false); });
    this.next.addEventListener("click", function () { self.move(addMonths(self.focus, 1), false); });
    close.addEventListener("click", function () { self.close(true); });
    dialog.addEventListener("keydown", function (event) { self.keydown(event); });
    this.render(true);
  };

  Picker.prototype.close = function (returnFocus) {
    if (!this.dialog) return;
    this.dialog.remove();
    this.dialog = null;
    this.toggle.setAttribute("aria-expanded", "false");
    if (openPicker === this) openPicker = null;
    if (returnFocus) this.toggle.focus();
  };

  Picker.prototype.move = function (date, focusDay) {
    this.focus = date;
    this.render(focusDay);
  };

  Picker.prototype.render = function (focusDay) {
    var focus = this.focus;
    this.title.textContent = monthTitle(focus);
    var first = new Date(focus.getFullYear(), focus.getMonth(), 1);
    var start = addDays(first, -((first.getDay() - WEEK_START + 7) % 7));
    var today = new Date();
    var html = document.createDocumentFragment();
    var headRow = document.createElement("tr");
    for (var w = 0; w < 7; w++) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = weekdayShort(addDays(start, w));
      headRow.appendChild(th);
    }
    var thead = document.createElement("thead");
    thead.appendChild(headRow);
    html.appendChild(thead);
    var body = document.createElement("tbody");
    var self = this;
    var day = start;
    for (var row = 0; row < 6; row++) {
      if (row > 0 && day.getMonth() !== focus.getMonth()) break;
      var tr = document.createElement("tr");
      for (var col = 0; col < 7; col++) {
        var td = document.createElement("td");
        var inMonth = day.getMonth() === focus.getMonth();
        if (inMonth) {
          var b = button("lc-date-day", dayName(day), localDigits(String(day.getDate())));
          b.dataset.iso = day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
          b.tabIndex = sameDay(day, focus) ? 0 : -1;
          if (sameDay(day, this.chosen)) { b.setAttribute("aria-pressed", "true"); b.classList.add("chosen"); }
          if (sameDay(day, today)) { b.setAttribute("aria-current", "date"); b.classList.add("today"); }
          b.addEventListener("click", (function (picked) {
            return function () { self.pick(picked); };
          })(day));
          td.appendChild(b);
        }
        tr.appendChild(td);
        day = addDays(day, 1);
      }
      body.appendChild(tr);
    }
    html.appendChild(body);
    this.grid.replaceChildren(html);
    if (focusDay) {
      var current = this.grid.querySelector('button[tabindex="0"]');
      if (current) current.focus();
    }
  };

  Picker.prototype.pick = function (date) {
    this.input.value = format(date);
    this.input.dispatchEvent(new Event("input", { bubbles: true }));
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
    this.close(false);
    this.input.focus();
  };

  Picker.prototype.keydown = function (event) {
    var steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    var onDay = event.target.classList && event.target.classList.contains("lc-date-day");
    if (event.key === "Escape") {
      event.preventDefault();
      this.close(true);
      return;
    }
    if (!onDay) return;
    var focus = this.focus;
    var next = null;
    if (steps[event.key] !== undefined) next = addDays(focus, steps[event.key]);
    else if (event.key === "PageUp") next = addMonths(focus, -1);
    else if (event.key === "PageDown") next = addMonths(focus, 1);
    else if (event.key === "Home") next = addDays(focus, -((focus.getDay() - WEEK_START + 7) % 7));
    else if (event.key === "End") next = addDays(focus, 6 - ((focus.getDay() - WEEK_START + 7) % 7));
    if (next) {
      event.preventDefault();
      this.move(next, true);
    }
  };

  document.addEventListener("click", function (event) {
    if (openPicker && !openPicker.dialog.contains(event.target) && !openPicker.group.contains(event.target)) {
      openPicker.close(false);
    }
  });

  // Escape closes the open calendar wherever the focus is (a click elsewhere may have taken
  // it out of the dialog).
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && openPicker && !openPicker.dialog.contains(event.target)) {
      openPicker.close(true);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-datepicker]").forEach(function (input) {
      if (!input.dataset.datepickerReady) {
        input.dataset.datepickerReady = "1";
        new Picker(input);
      }
    });
  });
})();
