// The overview's placeholder picker: a button inserts its placeholder (｛占比：专兼挂队伍｝) where the
// cursor is in the overview text. Without JavaScript the placeholders are shown to be typed.
(function () {
  "use strict";
  var area = document.querySelector("#overview-form textarea");
  if (!area) return;
  document.querySelectorAll("button.insert").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = button.dataset.insert;
      var start = area.selectionStart || 0, end = area.selectionEnd || 0;
      area.value = area.value.slice(0, start) + text + area.value.slice(end);
      area.focus();
      area.selectionStart = area.selectionEnd = start + text.length;
    });
  });
})();
