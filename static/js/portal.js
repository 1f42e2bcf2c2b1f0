/* The portal's only script: it improves pages that work without it (no inline script: CSP).
   - After a failed submit, focus moves to the error summary, so its list is read out first;
     after "Add another item", to the new item's first field.
   - A page that holds answers in the session (data-session-seconds) warns a few minutes before
     the session ends, and says so when it has ended. */
(function () {
  "use strict";

  function focusOnLoad() {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
      return;
    }
    var target = document.querySelector("[data-focus-on-load]");
    if (target) {
      var field = target.querySelector("input:not([type=hidden]), select, textarea");
      (field || target).focus();
    }
  }

  function sessionWarnings() {
    var holder = document.querySelector("[data-session-seconds]");
    if (!holder) {
      return;
    }
    var left = parseInt(holder.getAttribute("data-session-seconds"), 10) * 1000;
    var lead = parseInt(holder.getAttribute("data-session-warn-seconds") || "600", 10) * 1000;
    var warning = document.getElementById("session-warning");
    var ended = document.getElementById("session-ended");
    if (isNaN(left)) {
      return;
    }
    window.setTimeout(function () {
      if (warning) { warning.hidden = false; }
    }, Math.max(0, left - lead));
    window.setTimeout(function () {
      if (warning) { warning.hidden = true; }
      if (ended) { ended.hidden = false; }
    }, Math.max(0, left));
  }

  function ready() {
    focusOnLoad();
    sessionWarnings();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}());
