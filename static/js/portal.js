/*
 * The portal's one script: progressive enhancement only. Every page works without it.
 *
 * Quick exit (after the GOV.UK "Exit this page" pattern): the button is a plain link. With this
 * script it also hides the page at once, replaces the current history entry (so Back does not
 * return here) and can be triggered by pressing Shift three times.
 */
(function () {
  "use strict";

  var SHIFT_PRESSES_TO_EXIT = 3;
  var SHIFT_WINDOW_MS = 5000;

  function setUpQuickExit(container) {
    var link = container.querySelector("[data-quick-exit-link]");
    var hint = container.querySelector("[data-quick-exit-hint]");
    var status = container.querySelector("[data-quick-exit-status]");
    if (!link) {
      return;
    }
    var exitUrl = link.getAttribute("href");
    var presses = 0;
    var timer = null;

    // The words come from the page, in its language (data-message-* on the quick exit region).
    function message(name, english) {
      return container.getAttribute("data-message-" + name) || english;
    }

    function exitNow() {
      var overlay = document.createElement("div");
      overlay.className = "quick-exit__overlay";
      overlay.setAttribute("role", "alert");
      overlay.textContent = message("loading", "Loading.");
      document.body.appendChild(overlay);
      document.body.classList.add("quick-exit-active");
      // replace(), not assign(): the portal page leaves the history, so Back skips it.
      window.location.replace(exitUrl);
    }

    function reset() {
      presses = 0;
      if (timer) {
        window.clearTimeout(timer);
        timer = null;
      }
    }

    // Text entry only: Shift is pressed constantly while typing capitals, and on iOS the
    // keyboard's Shift reaches the page (govuk-frontend #4095). Tick boxes and buttons do not
    // take text, so the shortcut still works from them.
    var TEXT_INPUT_TYPES = [
      "text", "search", "email", "number", "tel", "url", "password", "date", "time"
    ];

    function isTyping(target) {
      if (!target || !target.tagName) {
        return false;
      }
      if (target.isContentEditable) {
        return true;
      }
      var tag = target.tagName.toLowerCase();
      if (tag === "textarea" || tag === "select") {
        return true;
      }
      if (tag === "input") {
        var type = (target.getAttribute("type") || "text").toLowerCase();
        return TEXT_INPUT_TYPES.indexOf(type) !== -1;
      }
      return false;
    }

    function announce(message) {
      if (status) {
        status.textContent = message;
      }
    }

    link.addEventListener("click", function (event) {
      event.preventDefault();
      exitNow();
    });

    // Shift held with another key (a capital letter) is not a press of Shift on its own.
    var shiftAlone = false;

    document.addEventListener("keydown", function (event) {
      if (event.key === "Shift") {
        if (!event.repeat) {
          shiftAlone = true;
        }
        return;
      }
      shiftAlone = false;
      reset();
    });

    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") {
        return;
      }
      if (!shiftAlone || isTyping(event.target)) {
        shiftAlone = false;
        reset();
        return;
      }
      shiftAlone = false;
      presses += 1;
      if (timer) {
        window.clearTimeout(timer);
      }
      // At most SHIFT_WINDOW_MS between presses; then start again.
      timer = window.setTimeout(function () {
        reset();
        announce(message("expired", "Exit this page expired."));
      }, SHIFT_WINDOW_MS);
      if (presses >= SHIFT_PRESSES_TO_EXIT) {
        reset();
        announce(message("leaving", "Leaving this page."));
        exitNow();
      } else {
        var remaining = SHIFT_PRESSES_TO_EXIT - presses;
        announce(
          remaining === 1
            ? message("one-more", "Shift, press 1 more time to exit.")
            : message("more", "Shift, press {count} more times to exit.").replace(
              "{count}", String(remaining)
            )
        );
      }
    });

    // Coming back with Back from the neutral site: show the page again.
    window.addEventListener("pageshow", function () {
      document.body.classList.remove("quick-exit-active");
      var overlays = document.querySelectorAll(".quick-exit__overlay");
      for (var i = 0; i < overlays.length; i += 1) {
        overlays[i].parentNode.removeChild(overlays[i]);
      }
      reset();
    });

    if (hint) {
      hint.hidden = false;
    }
  }

  var containers = document.querySelectorAll("[data-quick-exit]");
  for (var i = 0; i < containers.length; i += 1) {
    setUpQuickExit(containers[i]);
  }

  // A refused form: move focus to the summary of what to fix, as GOV.UK's error summary does,
  // so screen reader and keyboard users start where the problems are listed.
  var errorSummary = document.querySelector("[data-error-summary]");
  if (errorSummary) {
    errorSummary.focus();
  }

  // The secondary "Exit this page" skip link leaves the same way as the button.
  var exitButton = document.querySelector("[data-quick-exit-link]");
  var exitSkipLinks = document.querySelectorAll("[data-quick-exit-skip-link]");
  for (var k = 0; k < exitSkipLinks.length; k += 1) {
    exitSkipLinks[k].addEventListener("click", function (event) {
      if (exitButton) {
        event.preventDefault();
        exitButton.click();
      }
    });
  }

  /*
   * Filters that fold away on a phone: a <details> open in the HTML (so it works without this
   * script), closed here on small screens so that the results come before a long form.
   */
  if (window.matchMedia && window.matchMedia("(max-width: 40em)").matches) {
    var folding = document.querySelectorAll("details[data-fold-on-small-screens]");
    for (var j = 0; j < folding.length; j += 1) {
      folding[j].open = false;
    }
  }
})();
