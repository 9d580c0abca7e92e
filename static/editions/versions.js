// The versions page: while files are being built, ask for their state every 2 s and show it
// (no reload); a finished file becomes its download link.
(function () {
  "use strict";
  var table = document.getElementById("versions");
  if (!table || !table.dataset.statusUrl) return;
  var url = table.dataset.statusUrl;
  function update() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        var pending = false;
        data.exports.forEach(function (item) {
          var cell = table.querySelector('.file[data-version="' + item.version + '"][data-format="' + item.format + '"]');
          if (!cell) return;
          if (item.state === "done") {
            if (!cell.querySelector("a.download")) {
              window.location.reload();
            }
            return;
          }
          pending = true;
          var bar = cell.querySelector("progress");
          var state = cell.querySelector(".state");
          if (bar) { bar.value = item.percent; bar.textContent = item.percent + "%"; }
          if (state) { state.textContent = state.textContent.split("：")[0] + "：" + item.state_label; }
          var job = item.job && table.querySelector('.job[data-job="' + item.job.id + '"] .job-percent');
          if (job && item.job.percent !== null) { job.textContent = item.job.percent + "%"; }
        });
        if (pending) window.setTimeout(update, 2000);
      })
      .catch(function () { window.setTimeout(update, 5000); });
  }
  window.setTimeout(update, 1000);
})();
