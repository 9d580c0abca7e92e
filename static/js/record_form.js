// "添加一行" without a round trip: clone the formset's empty row from its <template> and count it in
// TOTAL_FORMS. Without JavaScript the same buttons submit the form and the server adds the row.
(function () {
  "use strict";
  document.querySelectorAll("[data-formset]").forEach(function (section) {
    var prefix = section.getAttribute("data-formset");
    var template = section.querySelector("template[data-empty-row]");
    var button = section.querySelector("[data-add-row]");
    var total = section.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var max = section.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
    var rows = section.querySelector("[data-rows]");
    if (!template || !button || !total || !rows) {
      return;
    }
    button.addEventListener("click", function (event) {
      var index = parseInt(total.value, 10) || 0;
      if (max && index >= parseInt(max.value, 10)) {
        return; // let the server say why
      }
      event.preventDefault();
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      var number = row.querySelector("[data-row-number]");
      if (number) {
        number.textContent = String(index + 1);
      }
      rows.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input[type=text], select, textarea");
      if (first) {
        first.focus();
      }
    });
  });
})();

// Each area's "已填 n / m" follows what is typed.
(function () {
  "use strict";
  document.querySelectorAll("details[data-area]").forEach(function (group) {
    var counter = group.querySelector("[data-filled]");
    var inputs = group.querySelectorAll(".indicator input[type=text]");
    if (!counter || !inputs.length) {
      return;
    }
    var template = counter.textContent.replace(/\d+(\s*\/\s*\d+)/, "{n}$1");
    group.addEventListener("input", function () {
      var filled = 0;
      inputs.forEach(function (input) {
        if (input.value.trim()) {
          filled += 1;
        }
      });
      counter.textContent = template.replace("{n}", String(filled));
    });
  });
})();
