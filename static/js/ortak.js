/* Small conveniences on top of pages that work without JavaScript. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Filters are folded behind <details> on small screens; on wide screens they start open.
  var wide = window.matchMedia("(min-width: 60em)");
  document.querySelectorAll("details[data-open-when-wide]").forEach(function (details) {
    if (wide.matches) { details.open = true; }
  });

  // The sort menu applies at once (its "Sort" button is hidden when this script runs).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // Leave empty filters out of the URL: /shop/?material=silk rather than ?q=&maker=&…
  var filters = document.getElementById("filters-form");
  if (filters) {
    filters.addEventListener("submit", function () {
      filters.querySelectorAll("input, select").forEach(function (field) {
        if (!field.value || (field.name === "sort" && field.value === "newest")) { field.disabled = true; }
      });
    });
  }
})();
