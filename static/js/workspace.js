/* The workspace's small helpers; every page works without them.
   - Forms marked data-keep-draft keep what she types in this phone's storage until the server
     has saved it, so a dropped connection or a closed tab loses nothing: on the next visit
     the typed values come back into the form (the key includes the listing's version, so a
     newer saved version is never overwritten by an old copy).
   - Shows the names of the photos she chose, and copies an invitation message. */
(function () {
  "use strict";
  var storage;
  try { storage = window.localStorage; } catch (error) { storage = null; }

  document.querySelectorAll("form[data-keep-draft]").forEach(function (form) {
    var key = "ortak-draft:" + form.getAttribute("data-keep-draft");
    var fields = function () {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "version" &&
          el.type !== "file" && el.type !== "submit" && el.type !== "button";
      });
    };
    var hasErrors = form.querySelector(".errorlist, [aria-invalid='true']") !== null;
    if (storage && !hasErrors) {
      var saved = storage.getItem(key);
      if (saved) {
        try {
          var values = JSON.parse(saved);
          fields().forEach(function (el) {
            if (!(el.name in values)) { return; }
            if (el.type === "checkbox" || el.type === "radio") {
              el.checked = values[el.name].indexOf(el.value) !== -1;
            } else {
              el.value = values[el.name][0] || "";
            }
          });
        } catch (error) { storage.removeItem(key); }
      }
    }
    var remember = function () {
      if (!storage) { return; }
      var values = {};
      fields().forEach(function (el) {
        values[el.name] = values[el.name] || [];
        if ((el.type === "checkbox" || el.type === "radio")) {
          if (el.checked) { values[el.name].push(el.value); }
        } else {
          values[el.name].push(el.value);
        }
      });
      try { storage.setItem(key, JSON.stringify(values)); } catch (error) { /* full: skip */ }
    };
    form.addEventListener("input", remember);
    form.addEventListener("change", remember);
    // A saved change grows the listing's version, so older copies of this form are stale.
    if (storage) {
      var stem = key.replace(/-\d+$/, "-");
      for (var index = storage.length - 1; index >= 0; index -= 1) {
        var other = storage.key(index);
        if (other && other !== key && other.indexOf(stem) === 0) { storage.removeItem(other); }
      }
    }
  });

  document.querySelectorAll(".ws-upload").forEach(function (box) {
    var out = box.querySelector("[data-chosen]");
    box.querySelectorAll("input[type=file]").forEach(function (input) {
      input.addEventListener("change", function () {
        var names = [];
        box.querySelectorAll("input[type=file]").forEach(function (each) {
          Array.prototype.forEach.call(each.files, function (file) { names.push(file.name); });
        });
        if (out) { out.textContent = names.join(", "); }
      });
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy"));
    });
  });
})();
