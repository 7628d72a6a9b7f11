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

    function exitNow() {
      var overlay = document.createElement("div");
      overlay.className = "quick-exit__overlay";
      overlay.setAttribute("role", "alert");
      overlay.textContent = "Loading.";
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

    function isTyping(target) {
      // Shift is pressed constantly while typing capitals; never exit from a text field.
      if (!target || !target.tagName) {
        return false;
      }
      var tag = target.tagName.toLowerCase();
      return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
    }

    link.addEventListener("click", function (event) {
      event.preventDefault();
      exitNow();
    });

    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift" || isTyping(event.target)) {
        reset();
        return;
      }
      presses += 1;
      if (timer) {
        window.clearTimeout(timer);
      }
      timer = window.setTimeout(reset, SHIFT_WINDOW_MS);
      if (presses >= SHIFT_PRESSES_TO_EXIT) {
        reset();
        if (status) {
          status.textContent = "Leaving this page.";
        }
        exitNow();
      } else if (status) {
        var remaining = SHIFT_PRESSES_TO_EXIT - presses;
        status.textContent =
          "Shift, press " + remaining + " more " + (remaining === 1 ? "time" : "times") + " to exit.";
      }
    });

    // A key held with Shift (a capital letter) is not a press of Shift on its own.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift") {
        reset();
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
})();
