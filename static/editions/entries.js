// An issue's pieces at desk speed: every move (↑/↓, 移到第 N 位, another column, drag-and-drop, or
// ↑/↓ on a focused drag handle) and every removal is sent in the background and the list is
// rearranged in place; a removal can be undone. The forms still work without JavaScript.
(function () {
  "use strict";
  // The UI's words, translated by the portal's JavaScript catalogue (/jsi18n/) in the English UI.
  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) { return text; };
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  var undoBar = document.getElementById("undo-bar");
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function token(form) {
    var input = (form || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function send(url, data, form) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": token(form) },
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok || !body.ok) throw new Error(body.error || response.statusText);
        return body;
      });
    });
  }

  function lists() { return Array.prototype.slice.call(document.querySelectorAll("ol.entries[data-section]")); }

  function refresh() {
    // Buttons and numbers follow the order on screen.
    lists().forEach(function (list) {
      var items = list.querySelectorAll(":scope > li.entry");
      items.forEach(function (item, index) {
        var up = item.querySelector('form input[value=up]');
        var down = item.querySelector('form input[value=down]');
        if (up) up.form.querySelector("button").disabled = index === 0;
        if (down) down.form.querySelector("button").disabled = index === items.length - 1;
        var place = item.querySelector("form.place");
        if (place) {
          place.querySelector("input[name=section]").value = list.dataset.section;
          var position = place.querySelector("input[name=position]");
          position.value = index + 1;
          position.max = items.length;
        }
        var move = item.querySelector("form.move select");
        if (move) move.value = list.dataset.section;
      });
      var heading = list.closest("section.section");
      var count = heading && heading.querySelector("h3 small");
      if (count) count.textContent = fill(gettext("%(n)s 篇"), { n: items.length });
      var empty = list.querySelector(":scope > li.empty");
      if (empty) empty.hidden = items.length > 0;
    });
  }

  function apply(sections) {
    // The server's order is the truth: put every entry where it says. Moving an element in the page
    // takes the focus from it: a keyboard user keeps it (a drag handle focused while a move was on its way).
    var focused = document.activeElement;
    Object.keys(sections).forEach(function (sectionId) {
      var list = document.querySelector('ol.entries[data-section="' + sectionId + '"]');
      if (!list) return;
      sections[sectionId].forEach(function (entryId) {
        var item = document.querySelector('li.entry[data-entry="' + entryId + '"]');
        if (item) list.appendChild(item);
      });
      var empty = list.querySelector(":scope > li.empty");
      if (empty) list.appendChild(empty);
    });
    if (focused && focused !== document.body && focused !== document.activeElement && document.contains(focused)) {
      focused.focus();
    }
    refresh();
  }

  // Moves run one after another in the order they were asked for: a second move sent before the
  // first was answered could reach the server first and leave the pieces in the wrong order.
  var pending = Promise.resolve();
  function queued(work) {
    pending = pending.then(work, work);
    return pending;
  }

  function place(item, sectionId, position) {
    var data = new FormData();
    data.append("action", "place");
    data.append("section", sectionId);
    data.append("position", position);
    item.classList.add("busy");
    return send(item.dataset.url, data, item.querySelector("form")).then(function (body) {
      apply(body.sections);
      say(fill(gettext("已移到第 %(n)s 位"), { n: position }));
    }).catch(function (error) { say(error.message, true); }).finally(function () { item.classList.remove("busy"); });
  }

  function say(text, isError) {
    status.textContent = text;
    if (isError) window.alert(text);
  }

  // Forms: intercepted, sent, the list rearranged.
  document.querySelectorAll(".entry-actions form").forEach(function (form) {
    var action = form.querySelector("input[name=action]").value;
    if (action === "note") return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var item = form.closest("li.entry");
      var data = new FormData(form);
      queued(function () { return send(form.getAttribute("action"), data, form); }).then(function (body) {
        if (action === "remove") {
          var title = item.querySelector(".entry-title > a").textContent;
          item.remove();
          if (undoBar) {
            undoBar.querySelector(".undo-text").textContent = fill(gettext("已移除《%(title)s》。"), { title: title });
            undoBar.hidden = false;
            undoBar.querySelector("button").focus();
          }
        }
        apply(body.sections);
        say(action === "remove" ? gettext("已移除，可撤销") : gettext("已移动"));
        var focus = item.querySelector('form input[value="' + action + '"]');
        if (focus && action !== "remove") {
          var button = focus.form.querySelector("button");
          (button.disabled ? item.querySelector(".drag-handle") : button).focus();
        }
      }).catch(function (error) { say(error.message, true); });
    });
  });

  if (undoBar) {
    undoBar.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var form = event.target;
      send(form.getAttribute("action"), new FormData(form), form).then(function (body) {
        window.location.hash = "entry-" + body.entry;
        window.location.reload();
      }).catch(function (error) { say(error.message, true); });
    });
  }

  // Drag-and-drop (mouse), and the handle's arrow keys (keyboard).
  var dragged = null;
  lists().forEach(function (list) {
    list.querySelectorAll(":scope > li.entry").forEach(function (item) {
      item.draggable = true;
      var handle = item.querySelector(".drag-handle");
      if (handle) {
        handle.hidden = false;
        handle.addEventListener("keydown", function (event) {
          if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
          event.preventDefault();
          var step = event.key === "ArrowUp" ? 0 : 2;
          queued(function () {
            // Where the piece is once the moves before this one are done.
            var items = Array.prototype.slice.call(item.parentNode.querySelectorAll(":scope > li.entry"));
            var index = items.indexOf(item) + step;
            if (index < 1 || index > items.length) return null;
            return place(item, item.parentNode.dataset.section, index);
          }).then(function () { handle.focus(); });
        });
      }
    });
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest && event.target.closest("li.entry");
      if (!dragged) return;
      dragged.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.entry);
    });
    list.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("dragging");
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      var over = event.target.closest && event.target.closest("li.entry");
      if (!over || over === dragged) {
        if (!over && !list.querySelector(":scope > li.entry")) list.insertBefore(dragged, list.firstChild);
        return;
      }
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });
    list.addEventListener("drop", function (event) {
      if (!dragged) return;
      event.preventDefault();
      var item = dragged;
      dragged = null;
      item.classList.remove("dragging");
      var items = Array.prototype.slice.call(list.querySelectorAll(":scope > li.entry"));
      var position = items.indexOf(item) + 1;  // where it was dropped, as the editor saw it
      queued(function () { return place(item, list.dataset.section, position); });
    });
  });
  refresh();
})();
