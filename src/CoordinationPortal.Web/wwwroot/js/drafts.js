// What is typed into a form marked data-draft stays on this computer until it is saved
// (docs/decisions/0033): a copy of the form's fields (never files, passwords or tokens) goes into
// localStorage a moment after each change, encrypted (AES-GCM) with the signed-in account's own key
// (the form's data-draft), under a name made of the account's tag (body data-draft-owner) and the
// page's address. Opening the form again with a copy that differs from the page puts it back, says
// so, and offers to discard it; a form sent after the session ended is found again after signing in.
// A copy is removed when the server says the form was saved, and all of an account's copies when it
// signs out. Without WebCrypto (an insecure origin) nothing is kept: never a copy in clear.
(function () {
  "use strict";

  var PREFIX = "portal.draft.";
  var EXPIRED_FLAG = "portal.session-expired";
  var MAX_AGE = 14 * 24 * 3600 * 1000; // a forgotten copy does not stay for ever
  var SKIPPED_TYPES = ["file", "password", "submit", "button", "reset", "image"];
  var SKIPPED_NAMES = ["__RequestVerificationToken", "FormToken", "Confirmed", "Intent"];

  var storage;
  try {
    storage = window.localStorage;
    storage.getItem(PREFIX); // throws where storage is blocked
  } catch (e) {
    return;
  }

  var body = document.body;
  var owner = body.getAttribute("data-draft-owner");

  function keysWith(start) {
    var found = [];
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      if (key && key.indexOf(start) === 0) {
        found.push(key);
      }
    }
    return found;
  }

  function read(key) {
    try {
      return JSON.parse(storage.getItem(key) || "null");
    } catch (e) {
      return null;
    }
  }

  // Old copies of any account go; they could not be opened by anyone else anyway.
  keysWith(PREFIX).forEach(function (key) {
    var entry = read(key);
    if (!entry || !entry.t || Date.now() - entry.t > MAX_AGE) {
      storage.removeItem(key);
    }
  });

  // The sign-in page after a session ended: the form page that follows says what happened.
  if (!owner) {
    if (document.querySelector("[data-session-expired]")) {
      try { window.sessionStorage.setItem(EXPIRED_FLAG, "1"); } catch (e) { /* no message then */ }
    }
    return;
  }

  var ownPrefix = PREFIX + owner + ".";
  var afterExpiry = false;
  try {
    afterExpiry = window.sessionStorage.getItem(EXPIRED_FLAG) === "1";
    window.sessionStorage.removeItem(EXPIRED_FLAG);
  } catch (e) { /* no message then */ }

  // Signing out removes every copy this account left here, and keeps none from then on.
  var signingOut = false;
  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("action");
    if (action === "/account/sign-out" || action === "/account/sign-out-everywhere") {
      signingOut = true;
      keysWith(ownPrefix).forEach(function (key) { storage.removeItem(key); });
    }
  }, true);
  window.addEventListener("pageshow", function () { signingOut = false; });

  var form = document.querySelector("form[data-draft]");
  var here = location.pathname + location.search;
  var savedNotice = !!document.querySelector("[data-notice=success]");

  // A form sent from another page: arriving anywhere else signed in means the server took it,
  // unless the session had ended on the way (then it waits for its page to be opened again).
  keysWith(ownPrefix).forEach(function (key) {
    var entry = read(key);
    if (!entry || !entry.p || (form && key === ownPrefix + here)) {
      return;
    }
    if (afterExpiry) {
      entry.p = false;
      storage.setItem(key, JSON.stringify(entry));
    } else {
      storage.removeItem(key);
    }
  });

  if (!form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    return;
  }

  var slot = ownPrefix + here;
  var aad = new TextEncoder().encode(slot); // a copy only opens in its own slot
  var quiet = form.hasAttribute("data-autosave"); // the report form says "Đã lưu lúc" for the server
  var status = form.querySelector(".autosave-status");
  var messages = form.querySelector("[data-draft-messages]");
  var keyPromise;
  try {
    keyPromise = crypto.subtle.importKey("raw", fromBase64(form.getAttribute("data-draft")), "AES-GCM", false, ["encrypt", "decrypt"]);
  } catch (e) {
    return;
  }

  function fromBase64(text) {
    var plain = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    var bytes = new Uint8Array(plain.length);
    for (var i = 0; i < plain.length; i++) {
      bytes[i] = plain.charCodeAt(i);
    }
    return bytes;
  }

  function toBase64(buffer) {
    var bytes = new Uint8Array(buffer);
    var plain = "";
    for (var i = 0; i < bytes.length; i++) {
      plain += String.fromCharCode(bytes[i]);
    }
    return btoa(plain);
  }

  function fields() {
    var list = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.name && SKIPPED_TYPES.indexOf(element.type) < 0 && SKIPPED_NAMES.indexOf(element.name) < 0
          && !element.hasAttribute("data-pressed-button") && !element.closest("[data-draft-skip]")) {
        list.push(element);
      }
    });
    return list;
  }

  // The form's state: each field by name and its place among fields of that name.
  function capture() {
    var state = {};
    var seen = {};
    fields().forEach(function (element) {
      var n = seen[element.name] = (seen[element.name] || 0) + 1;
      var value;
      if (element.type === "checkbox" || element.type === "radio") {
        value = element.checked;
      } else if (element.type === "select-multiple") {
        value = Array.prototype.filter.call(element.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
      } else {
        value = element.value;
      }
      state[element.name + "#" + n] = value;
    });
    return state;
  }

  function apply(state) {
    var seen = {};
    fields().forEach(function (element) {
      var n = seen[element.name] = (seen[element.name] || 0) + 1;
      var key = element.name + "#" + n;
      if (!Object.prototype.hasOwnProperty.call(state, key)) {
        return;
      }
      var value = state[key];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = !!value;
      } else if (element.type === "select-multiple") {
        Array.prototype.forEach.call(element.options, function (o) { o.selected = value.indexOf(o.value) >= 0; });
      } else {
        element.value = value;
      }
    });
  }

  // Compared as the server will store it: line breaks as \n, no surrounding blanks.
  function same(a, b) {
    var keys = Object.keys(a).concat(Object.keys(b));
    return keys.every(function (key) {
      var x = a[key], y = b[key];
      if (typeof x === "string" && typeof y === "string") {
        return x.replace(/\r\n?/g, "\n").trim() === y.replace(/\r\n?/g, "\n").trim();
      }
      return JSON.stringify(x) === JSON.stringify(y);
    });
  }

  function clock(time) {
    var d = new Date(time);
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  function say(text, problem) {
    if (status && !quiet) {
      status.textContent = text;
      status.classList.toggle("text-danger", !!problem);
    }
  }

  var initial = capture();
  var timer = null;
  var writing = Promise.resolve();
  var leaving = false;

  function store(pending) {
    if (signingOut) {
      return Promise.resolve();
    }
    var state = capture();
    if (same(state, initial) && !read(slot)) {
      return Promise.resolve(); // nothing typed yet: nothing to keep
    }
    var iv = crypto.getRandomValues(new Uint8Array(12));
    var plain = new TextEncoder().encode(JSON.stringify(state));
    writing = writing.then(function () { return keyPromise; }).then(function (key) {
      return crypto.subtle.encrypt({ name: "AES-GCM", iv: iv, additionalData: aad }, key, plain);
    }).then(function (cipher) {
      if (signingOut) {
        return;
      }
      var now = Date.now();
      storage.setItem(slot, JSON.stringify({ v: 1, t: now, p: !!pending, iv: toBase64(iv), c: toBase64(cipher) }));
      say(messages.getAttribute("data-saved").replace("{0}", clock(now)), false);
    }).catch(function () { /* storage full or key refused: the form itself still works */ });
    return writing;
  }

  function schedule() {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(function () { timer = null; store(false); }, 400);
  }

  function open(entry) {
    return keyPromise.then(function (key) {
      return crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(entry.iv), additionalData: aad }, key, fromBase64(entry.c));
    }).then(function (plain) {
      return JSON.parse(new TextDecoder().decode(plain));
    });
  }

  function notice(text, canDiscard) {
    var box = document.createElement("div");
    box.className = "alert alert-info draft-notice";
    box.setAttribute("role", "status");
    box.setAttribute("data-draft-notice", "");
    var words = document.createElement("p");
    words.className = "mb-0";
    words.textContent = text;
    box.appendChild(words);
    if (canDiscard) {
      var discard = document.createElement("button");
      discard.type = "button";
      discard.className = "btn btn-sm btn-outline-secondary mt-2";
      discard.textContent = messages.getAttribute("data-discard");
      discard.addEventListener("click", function () {
        storage.removeItem(slot);
        apply(initial);
        form.dispatchEvent(new Event("change", { bubbles: true })); // the report's autosave sees the change
        words.textContent = messages.getAttribute("data-discarded");
        discard.remove();
        say("", false);
        words.setAttribute("tabindex", "-1");
        words.focus();
      });
      box.appendChild(discard);
    }
    form.insertBefore(box, form.firstChild);
  }

  var existing = read(slot);
  var ready = Promise.resolve();
  if (existing && savedNotice) {
    storage.removeItem(slot); // the server says it was saved
  } else if (existing) {
    ready = open(existing).then(function (state) {
      if (same(state, initial)) {
        if (existing.p && afterExpiry) {
          notice(messages.getAttribute("data-restored-expiry"), false);
        }
        if (existing.p) {
          existing.p = false;
          storage.setItem(slot, JSON.stringify(existing)); // shown again with its errors: keep it until saved
        } else {
          storage.removeItem(slot); // the page already holds it
        }
        return;
      }
      var wasSent = !!existing.p;
      apply(state);
      existing.p = false;
      storage.setItem(slot, JSON.stringify(existing));
      notice(wasSent && afterExpiry
        ? messages.getAttribute("data-restored-expiry")
        : messages.getAttribute("data-restored").replace("{0}", clock(existing.t)), true);
      say(messages.getAttribute("data-saved").replace("{0}", clock(existing.t)), false);
      form.dispatchEvent(new Event("input", { bubbles: true })); // the report's autosave saves what came back
    }).catch(function () {
      storage.removeItem(slot); // made with another key (the account's key was replaced): unreadable
    });
  }

  ready.then(function () {
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
  });

  // Sent: keep the copy (marked as sent) until a page says it arrived.
  document.addEventListener("submit", function (event) {
    if (event.target !== form || event.defaultPrevented) {
      return;
    }
    leaving = true;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    var entry = read(slot);
    if (entry) {
      entry.p = true;
      storage.setItem(slot, JSON.stringify(entry));
    }
    store(true);
  }, false);

  // The report's autosave reached the server: the copy follows the form's new version.
  form.addEventListener("portal:autosaved", function () { store(false); });

  window.addEventListener("beforeunload", function (event) {
    if (!quiet && !leaving && !same(capture(), initial)) {
      store(false);
      event.preventDefault();
      event.returnValue = "";
    }
  });
  window.addEventListener("pageshow", function () { leaving = false; });

  // js/session.js, before going to sign in again: keep everything, marked as sent.
  window.portalDrafts = {
    keepForSignIn: function () {
      leaving = true;
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      return store(true);
    }
  };
})();
