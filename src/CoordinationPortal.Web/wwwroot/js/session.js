// A signed-in page knows when its session ends (body data-session-left, in seconds, as the server
// computed it for this page) and warns data-session-warn seconds before, in the page's
// <dialog id="session-dialog">. "Tiếp tục làm việc" posts the dialog's form (antiforgery token
// included) in the background; any POST renews the session, so the answer says how long it now has.
// Background requests that reached the server (autosave, uploads) say it too, through the
// portal:session-left event. Once ended, the dialog says so and offers to sign in again, coming back
// to this page; js/drafts.js keeps the typed text for that.
(function () {
  "use strict";

  var dialog = document.getElementById("session-dialog");
  var left = parseInt(document.body.getAttribute("data-session-left"), 10);
  var warn = parseInt(document.body.getAttribute("data-session-warn"), 10);
  if (!dialog || typeof dialog.showModal !== "function" || isNaN(left) || isNaN(warn)) {
    return;
  }

  var warning = dialog.querySelector("[data-session-state=warning]");
  var expired = dialog.querySelector("[data-session-state=expired]");
  var text = warning.querySelector("[data-session-text]");
  var problem = warning.querySelector("[data-session-problem]");
  var keepAlive = warning.querySelector("form[data-session-keep-alive]");
  var signIn = expired.querySelector("[data-session-sign-in]");
  var deadline = Date.now() + left * 1000;
  var ended = false;
  var asking = false;

  function clock(time) {
    var d = new Date(time);
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  function show(state) {
    warning.hidden = state !== "warning";
    expired.hidden = state !== "expired";
    dialog.setAttribute("aria-labelledby", "session-" + state + "-title");
    dialog.setAttribute("aria-describedby", "session-" + state + "-text");
    if (!dialog.open) {
      dialog.showModal();
    }
    (state === "warning" ? keepAlive.querySelector("button") : signIn).focus();
  }

  function end() {
    if (ended) {
      return;
    }
    ended = true;
    asking = false;
    show("expired");
  }

  function renewed(seconds) {
    if (ended || isNaN(seconds)) {
      return;
    }
    deadline = Date.now() + seconds * 1000;
    if (asking && seconds > warn) {
      asking = false;
      dialog.close();
    }
  }

  // Before warning and before saying it ended, ask the server (without renewing): another tab may
  // have kept the session alive, or it may have ended elsewhere. Only a 401 ends it here.
  var checking = false;
  function check() {
    checking = true;
    var request = new XMLHttpRequest();
    request.addEventListener("load", function () {
      checking = false;
      if (request.status === 401) {
        end();
        return;
      }
      var answer = null;
      try {
        answer = request.status === 200 ? JSON.parse(request.responseText) : null;
      } catch (e) {
        answer = null;
      }
      var seconds = answer && typeof answer.secondsLeft === "number" ? answer.secondsLeft : 0;
      deadline = Date.now() + Math.max(seconds * 1000, 1000); // about to end: ask again in a second
      if (seconds > warn && asking) {
        asking = false;
        dialog.close();
      } else if (seconds <= warn && !asking && !ended) {
        asking = true;
        problem.hidden = true;
        text.textContent = text.getAttribute("data-template").replace("{0}", clock(deadline));
        show("warning");
      }
    });
    request.addEventListener("error", function () {
      checking = false;
      deadline = Date.now() + 5000; // offline: try again, say nothing yet
    });
    request.open("GET", dialog.getAttribute("data-status-url"));
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.send();
  }

  // Checked often rather than timed once: a sleeping laptop wakes up past its timers.
  setInterval(function () {
    if (ended || checking) {
      return;
    }
    var now = Date.now();
    if (now >= deadline || (!asking && now >= deadline - warn * 1000)) {
      check();
    }
  }, 1000);

  keepAlive.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = keepAlive.querySelector("button");
    button.disabled = true;
    var request = new XMLHttpRequest();
    request.addEventListener("load", function () {
      button.disabled = false;
      if (request.status === 401) {
        end();
        return;
      }
      var answer = null;
      try {
        answer = request.status === 200 ? JSON.parse(request.responseText) : null;
      } catch (e) {
        answer = null;
      }
      if (!answer || typeof answer.secondsLeft !== "number" || answer.secondsLeft <= 0) {
        problem.hidden = false;
        return;
      }
      asking = false;
      renewed(answer.secondsLeft);
      dialog.close();
    });
    request.addEventListener("error", function () {
      button.disabled = false;
      problem.hidden = false;
    });
    request.open("POST", keepAlive.action);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.send(new FormData(keepAlive));
  });

  // Escape while warned is "not now"; the warning comes back only when the time is up.
  dialog.addEventListener("cancel", function (event) {
    if (ended) {
      event.preventDefault(); // the ended state offers its own two buttons
    }
  });

  expired.querySelector("[data-session-stay]").addEventListener("click", function () { dialog.close(); });

  signIn.addEventListener("click", function (event) {
    event.preventDefault();
    document.dispatchEvent(new CustomEvent("portal:leaving"));
    var go = function () { location.href = signIn.href; };
    (window.portalDrafts ? window.portalDrafts.keepForSignIn() : Promise.resolve()).then(go, go);
  });

  document.addEventListener("portal:signed-out", end);
  document.addEventListener("portal:session-left", function (event) {
    renewed(parseInt(event.detail, 10));
  });
})();
