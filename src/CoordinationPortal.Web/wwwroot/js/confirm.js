// Asks before an action that cannot simply be taken back (submit, approve, return, reopen, disable
// an account, reset a password). A form or submit button with data-confirm="what will happen"
// opens the page's <dialog id="confirm-dialog"> (data-confirm-ok names the answer, data-confirm-danger
// colours it as a warning); only "confirm" sends the form, with Confirmed=true.
// Without JavaScript the form arrives without that field and the server shows the same question
// on a page of its own, so the question is never skipped. No inline script: CSP stays strict.
(function () {
  "use strict";

  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    return; // the server's confirmation page asks instead
  }

  var text = dialog.querySelector("[data-confirm-text]");
  var ok = dialog.querySelector("[data-confirm-ok]");
  var cancel = dialog.querySelector("[data-confirm-cancel]");
  var pending = null;

  // Capture phase: runs before forms.js, which leaves a form alone once its submit is cancelled.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }

    var submitter = event.submitter || null;
    var source = submitter && submitter.hasAttribute("data-confirm") ? submitter
      : form.hasAttribute("data-confirm") ? form : null;
    if (!source || form.getAttribute("data-confirmed") === "true") {
      return;
    }

    event.preventDefault();
    pending = { form: form, submitter: submitter };
    text.textContent = source.getAttribute("data-confirm");
    ok.textContent = source.getAttribute("data-confirm-ok") || ok.getAttribute("data-default-label");
    ok.className = "btn " + (source.hasAttribute("data-confirm-danger") ? "btn-danger" : "btn-primary");
    dialog.returnValue = "";
    dialog.showModal();
    cancel.focus(); // the safe choice first: Enter on a hasty keyboard does not send
  }, true);

  ok.addEventListener("click", function () { dialog.close("ok"); });
  cancel.addEventListener("click", function () { dialog.close("cancel"); });

  // Escape, "Hủy" and "confirm" all end here.
  dialog.addEventListener("close", function () {
    var request = pending;
    pending = null;
    if (!request) {
      return;
    }

    if (dialog.returnValue !== "ok") {
      (request.submitter || request.form.querySelector("button[type=submit], button:not([type])") || request.form).focus();
      return;
    }

    var confirmed = request.form.querySelector("input[name=Confirmed]");
    if (!confirmed) {
      confirmed = document.createElement("input");
      confirmed.type = "hidden";
      confirmed.name = "Confirmed";
      request.form.appendChild(confirmed);
    }

    confirmed.value = "true";
    request.form.setAttribute("data-confirmed", "true");
    if (typeof request.form.requestSubmit === "function") {
      request.form.requestSubmit(request.submitter);
    } else {
      request.form.submit();
    }
  });

  // Back from the next page: the form asks again next time.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-confirmed]").forEach(function (form) {
      form.removeAttribute("data-confirmed");
      form.querySelectorAll("input[name=Confirmed]").forEach(function (input) { input.value = "false"; });
    });
  });
})();
