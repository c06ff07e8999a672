// Evidence uploads that do not leave the page: a form marked data-background-upload is sent in the
// background (XMLHttpRequest, for its upload progress), and the server answers with the line's new
// evidence block (list and a fresh upload form), which replaces the old one. Whatever was typed in
// the report form above stays where it is. Without this script the form posts as before.
(function () {
  "use strict";

  // Every POST renews the session: js/session.js moves its warning on.
  function sessionLeft(request) {
    var left = request.getResponseHeader("X-Session-Left");
    if (left !== null) {
      document.dispatchEvent(new CustomEvent("portal:session-left", { detail: left }));
    }
  }

  function setBusy(form, busy) {
    form.querySelectorAll("button[type=submit], input[type=file]").forEach(function (control) {
      control.disabled = busy;
    });
  }

  // "Xóa" beside a file of a report line: removed in the background, its row taken out of the list.
  function removeInBackground(event, form) {
    event.preventDefault();
    if (form.getAttribute("data-sending") === "true") {
      return;
    }

    var block = form.closest(".evidence-line");
    var upload = block.querySelector("form[data-background-upload]");
    var status = upload.querySelector(".upload-status");
    var request = new XMLHttpRequest();
    form.setAttribute("data-sending", "true");
    request.addEventListener("load", function () {
      form.removeAttribute("data-sending");
      if (request.status === 204) {
        var item = form.closest("li");
        var list = item.parentElement;
        item.remove();
        status.classList.remove("text-danger");
        status.textContent = upload.dataset.msgRemoved;
        if (!list.querySelector("li")) {
          var none = document.createElement("p");
          none.className = "text-muted small";
          none.textContent = upload.dataset.msgNone;
          list.replaceWith(none);
        }
        return;
      }

      status.classList.add("text-danger");
      status.textContent = request.status === 401 ? upload.dataset.msgSignedOut : upload.dataset.msgFailed;
    });
    request.addEventListener("error", function () {
      form.removeAttribute("data-sending");
      status.classList.add("text-danger");
      status.textContent = upload.dataset.msgFailed;
    });
    request.addEventListener("loadend", function () { sessionLeft(request); });
    request.open("POST", form.action);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.send(new FormData(form));
  }

  // Capture phase: this runs before forms.js, which then leaves the form alone (defaultPrevented).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !window.FormData) {
      return;
    }

    if (form.closest(".evidence-line") && form.closest("li") && form.closest(".evidence-line").querySelector("form[data-background-upload]")) {
      removeInBackground(event, form);
      return;
    }

    if (!form.hasAttribute("data-background-upload")) {
      return;
    }

    event.preventDefault();
    if (form.getAttribute("data-sending") === "true") {
      return;
    }

    var text = { sending: form.dataset.msgSending, added: form.dataset.msgAdded, failed: form.dataset.msgFailed, signedOut: form.dataset.msgSignedOut };
    var block = form.parentElement;
    var status = form.querySelector(".upload-status");
    var progress = form.querySelector(".upload-progress");
    var input = form.querySelector("input[type=file]");
    var fileName = input && input.files && input.files.length ? input.files[0].name : "";
    var data = new FormData(form);
    var request = new XMLHttpRequest();

    form.setAttribute("data-sending", "true");
    setBusy(form, true);
    status.textContent = text.sending;
    progress.value = 0;
    progress.hidden = false;

    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        progress.value = Math.round((e.loaded / e.total) * 100);
      }
    });

    function failed(message) {
      form.removeAttribute("data-sending");
      setBusy(form, false);
      progress.hidden = true;
      status.textContent = message;
      status.classList.add("text-danger");
    }

    request.addEventListener("load", function () {
      if (request.status === 200) {
        block.innerHTML = request.responseText;
        var fresh = block.querySelector(".upload-status");
        if (fresh) {
          fresh.textContent = text.added.replace("{0}", fileName);
        }
        return;
      }

      if (request.status === 401) {
        failed(text.signedOut);
        document.dispatchEvent(new CustomEvent("portal:signed-out"));
        return;
      }

      var type = request.getResponseHeader("Content-Type") || "";
      failed(type.indexOf("text/plain") === 0 && request.responseText ? request.responseText : text.failed);
    });
    request.addEventListener("error", function () { failed(text.failed); });
    request.addEventListener("abort", function () { failed(text.failed); });

    request.addEventListener("loadend", function () { sessionLeft(request); });
    request.open("POST", form.action);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.send(data);
  }, true);
})();
