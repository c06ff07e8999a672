// A long form saves itself while the person types: a form marked data-autosave is posted in the
// background (the same guarded "save draft" as the button) a while after the last change
// (data-autosave-delay, in ms). The answer's version goes into the form's Version field, so the next
// save, by hand or by itself, is not taken for someone else's change. Leaving the page with changes
// not yet saved asks first. An autosave never submits.
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.FormData) {
    return;
  }

  var status = form.querySelector(".autosave-status");
  var version = form.querySelector("input[name=Version]");
  var timer = null;
  var dirty = false;
  var saving = false;
  var stopped = false;
  var leaving = false;

  function say(message, problem) {
    status.textContent = message || "";
    status.classList.toggle("text-danger", !!problem);
  }

  function save() {
    timer = null;
    if (!dirty || saving || stopped || leaving) {
      return;
    }

    var data = new FormData(form);
    data.set("Intent", "save");
    var request = new XMLHttpRequest();
    saving = true;
    dirty = false; // changes typed while this save travels make the form dirty again
    say(form.dataset.msgSaving, false);
    request.addEventListener("load", function () {
      saving = false;
      var answer = null;
      if (request.status === 200) {
        try {
          answer = JSON.parse(request.responseText);
        } catch (e) {
          answer = null; // a page instead of the answer (a proxy's or the sign-in page): not saved
        }
      }

      if (answer && typeof answer.version === "number") {
        version.value = answer.version;
        say(answer.message, false);
        form.dispatchEvent(new CustomEvent("portal:autosaved"));
        if (dirty) {
          schedule();
        }
        return;
      }

      dirty = true;
      if (request.status === 401 || (request.status === 200 && (request.responseURL || "").indexOf("/account/sign-in") >= 0)) {
        stopped = true;
        say(form.dataset.msgSignedOut, true);
        document.dispatchEvent(new CustomEvent("portal:signed-out"));
        return;
      }

      if (request.status === 409) {
        stopped = true; // the person decides, through "Lưu nháp" and the comparison page
      }

      var type = request.getResponseHeader("Content-Type") || "";
      say(type.indexOf("text/plain") === 0 && request.responseText ? request.responseText : form.dataset.msgFailed, true);
    });
    request.addEventListener("loadend", function () {
      var left = request.getResponseHeader("X-Session-Left");
      if (left !== null) {
        document.dispatchEvent(new CustomEvent("portal:session-left", { detail: left }));
      }
    });
    request.addEventListener("error", function () {
      saving = false;
      dirty = true;
      say(form.dataset.msgFailed, true);
    });
    request.open("POST", form.action);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.send(data);
  }

  function schedule() {
    if (timer) {
      clearTimeout(timer);
    }

    timer = setTimeout(save, parseInt(form.dataset.autosaveDelay, 10) || 20000);
  }

  function changed() {
    dirty = true;
    schedule();
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () {
    leaving = true; // the button's own save follows; nothing to warn about
    if (timer) {
      clearTimeout(timer);
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if ((dirty || saving) && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // js/session.js going to sign in again: the typed text is kept (js/drafts.js), nothing to ask.
  document.addEventListener("portal:leaving", function () { leaving = true; });
  window.addEventListener("pageshow", function () { leaving = false; });
})();
