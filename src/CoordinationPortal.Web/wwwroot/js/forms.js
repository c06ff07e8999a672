// One click, one request: once a form is on its way, its submit buttons wait until the next page
// arrives. A double click on a slow link would otherwise send the form twice (the server also
// refuses a second copy of a creating form, by its token). The button that was pressed still
// counts: its name and value travel in a hidden field, since disabled buttons are not sent.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) {
      return;
    }

    if (form.getAttribute("data-sending") === "true") {
      event.preventDefault();
      return;
    }

    var pressed = event.submitter;
    if (pressed && pressed.name) {
      var carrier = document.createElement("input");
      carrier.type = "hidden";
      carrier.name = pressed.name;
      carrier.value = pressed.value;
      carrier.setAttribute("data-pressed-button", "");
      form.appendChild(carrier);
    }

    form.setAttribute("data-sending", "true");
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    });
  }, false);

  // Coming back with the browser's Back button shows the page from its cache: make it usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      form.removeAttribute("data-sending");
      form.querySelectorAll("[data-pressed-button]").forEach(function (carrier) { carrier.remove(); });
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
      });
    });
  });
})();

// "Print" buttons exist only where JavaScript can press them for the person (Ctrl+P works anyway).
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
