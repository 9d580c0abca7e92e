// 加入专刊 from the case library's results without leaving them: the form is sent in the
// background and its button says 已加入 (or why not). Without JavaScript the form posts as before.
(function () {
  "use strict";
  // The UI's words, translated by the portal's JavaScript catalogue (/jsi18n/) in the English UI.
  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) { return text; };
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  document.querySelectorAll("form.library-add").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
      button.disabled = true;
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token },
      }).then(function (response) { return response.json(); }).then(function (body) {
        var note = form.querySelector(".add-status") || document.createElement("span");
        note.className = "add-status";
        note.setAttribute("role", "status");
        if (body.added) {
          button.textContent = form.classList.contains("add-all") ? fill(gettext("已加入 %(n)s 篇"), { n: body.added }) : gettext("已加入");
          button.classList.add("added");
          note.textContent = "→ " + body.section;
        } else {
          button.disabled = false;
          note.textContent = body.skipped && body.skipped.length ? body.skipped[0].why : gettext("没有可加入的已发布文章");
          if (body.skipped && body.skipped.length) { button.textContent = gettext("已加入"); button.disabled = true; }
        }
        form.appendChild(note);
      }).catch(function () {
        button.disabled = false;
        form.submit();
      });
    });
  });
})();
