/* "Leave this page quickly" (docs/translations.md, templates/includes/quick_exit.html).
 *
 * Without JavaScript the control is a plain link to a neutral site. With it, the link and the
 * Escape key replace the current history entry, so the Back button does not bring the portal
 * page back, and the hint "or press Esc" is shown. */
(function () {
  "use strict";
  function leave(url) {
    document.body.style.visibility = "hidden";
    window.location.replace(url);
  }
  function setUp() {
    var link = document.querySelector("[data-quick-exit]");
    if (!link) {
      return;
    }
    var url = link.getAttribute("href");
    var hint = document.getElementById("quick-exit-hint");
    if (hint) {
      hint.classList.remove("d-none");
    }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave(url);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        leave(url);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
