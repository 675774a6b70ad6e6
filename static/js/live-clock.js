/*
 * The live console and the room display: poll the server's clock, draw the countdown.
 *
 * The server's clock is the truth. Each answer carries `server_now` and the phase's
 * elapsed seconds at that moment; the page measures how far its own clock is from the
 * server's (half the round trip counted) and only adds the time since. Several displays
 * and consoles therefore show the same second whatever their own clocks say.
 *
 * On the console, buttons post with fetch and keys S, P (or space), Q, E, K, N press
 * them; without JavaScript the same buttons post as plain forms.
 */
(function () {
  "use strict";

  var root = document.getElementById("live-console") || document.getElementById("room-display");
  if (!root) {
    return;
  }
  var isConsole = root.id === "live-console";
  var pollMs = parseInt(root.dataset.pollMs, 10) || 1000;
  var MAX_BACKOFF_MS = 5000;
  var TICK_MS = 100;
  var KEYS = { s: "start", p: "toggle", " ": "toggle", q: "questions", e: "end", k: "skip", n: "next" };

  var snapshot = null;
  var offsetMs = null;
  var failures = 0;
  var stopped = false;
  var pollTimer = null;
  var lastColour = null;
  var lastRevision = null;

  function field(name) {
    if (root.dataset.field === name) {
      return root;
    }
    return root.querySelector('[data-field="' + name + '"]');
  }

  function text(name) {
    return root.dataset["text" + name.charAt(0).toUpperCase() + name.slice(1)] || "";
  }

  function setText(name, value) {
    var element = field(name);
    if (element && element.textContent !== value) {
      element.textContent = value;
    }
  }

  function announce(message) {
    var region = field("announce");
    if (region && message) {
      region.textContent = "";
      window.setTimeout(function () { region.textContent = message; }, 50);
    }
  }

  function countdownLabel(remaining) {
    var whole;
    if (remaining >= 0) {
      whole = Math.ceil(remaining - 1e-6);
      return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
    }
    whole = Math.floor(-remaining);
    return "+" + Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  function colourFor(remaining) {
    if (!snapshot.is_live) {
      return "normal";
    }
    if (remaining < 0) {
      return "over";
    }
    return remaining <= 60 ? "warning" : "normal";
  }

  function elapsedNow() {
    var elapsed = snapshot.elapsed_seconds;
    if (snapshot.is_running && offsetMs !== null) {
      elapsed += (Date.now() + offsetMs) / 1000 - snapshot.server_now;
    }
    return Math.max(0, elapsed);
  }

  function tick() {
    if (!snapshot) {
      return;
    }
    var panel = field("panel");
    var remaining = snapshot.limit_seconds - elapsedNow();
    var colour = colourFor(remaining);
    setText("countdown", snapshot.slot ? countdownLabel(remaining) : "");
    setText("colour_label", colour === "normal" ? "" : text(colour));
    if (panel) {
      panel.classList.remove("live-normal", "live-warning", "live-over");
      panel.classList.add("live-" + colour);
    }
    if (lastColour !== null && colour !== lastColour && colour !== "normal") {
      announce(text(colour));
    }
    lastColour = colour;
  }

  function drawSlot(data) {
    var slot = data.slot || {};
    setText("phase_label", data.phase_label);
    setText("speaker", slot.speaker || data.meeting || "");
    setText("representing", slot.representing || "");
    setText("segment", slot.segment || "");
    setText("floor_language", slot.floor_language || "");
    setText("limit_label", slot.limit_label || "");
  }

  function slotLine(card) {
    var item = document.createElement("li");
    var strong = document.createElement("strong");
    strong.textContent = card.representing || card.speaker;
    item.appendChild(strong);
    item.appendChild(document.createTextNode(" — " + card.speaker));
    item.appendChild(document.createElement("br"));
    var facts = document.createElement("span");
    facts.className = "small";
    facts.textContent = card.limit_label + " · " + text("planned") + " " + card.planned_start +
      " · " + text("forecast") + " " + card.forecast_start;
    item.appendChild(facts);
    return item;
  }

  function goToForm(card) {
    var form = document.createElement("form");
    form.method = "post";
    form.action = root.dataset.pressUrl.replace("ACTION", "go_to");
    var token = root.querySelector('input[name="csrfmiddlewaretoken"]');
    if (token) {
      form.appendChild(token.cloneNode());
    }
    var slot = document.createElement("input");
    slot.type = "hidden";
    slot.name = "slot";
    slot.value = card.id;
    form.appendChild(slot);
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "btn btn-sm btn-outline-secondary";
    button.dataset.action = "go_to";
    button.textContent = text("goTo");
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " " + (card.representing || card.speaker);
    button.appendChild(hidden);
    form.appendChild(button);
    return form;
  }

  function orderRow(card) {
    var row = document.createElement("tr");
    row.dataset.slot = card.id;
    var head = document.createElement("th");
    head.scope = "row";
    head.textContent = (card.representing || card.speaker) + " ";
    var name = document.createElement("span");
    name.className = "fw-normal";
    name.textContent = "— " + card.speaker;
    head.appendChild(name);
    row.appendChild(head);
    var status = card.is_current ? text("current") : card.is_held ? text("held") :
      card.is_skipped ? text("skipped") : "";
    [card.segment, card.limit_label, card.planned_start, card.forecast_start, status].forEach(
      function (value, index) {
        var cell = document.createElement("td");
        cell.textContent = value;
        if (index === 3) {
          cell.dataset.testid = "forecast-" + card.id;
        }
        row.appendChild(cell);
      }
    );
    var action = document.createElement("td");
    if (!card.is_held && !card.is_current) {
      action.appendChild(goToForm(card));
    }
    row.appendChild(action);
    return row;
  }

  function drawConsole(data) {
    var allowed = data.allowed || [];
    root.querySelectorAll("button[data-action]").forEach(function (button) {
      var action = button.dataset.action;
      if (action === "pause") {
        var resuming = allowed.indexOf("resume") !== -1;
        button.disabled = !resuming && allowed.indexOf("pause") === -1;
        button.formAction = root.dataset.pressUrl.replace("ACTION", resuming ? "resume" : "pause");
        button.firstChild.textContent = (resuming ? text("resume") : text("pause")) + " ";
      } else if (action !== "go_to") {
        button.disabled = allowed.indexOf(action) === -1;
      }
    });
    var next = field("next");
    if (next) {
      next.replaceChildren.apply(next, data.next.length ? data.next.map(slotLine) : [
        Object.assign(document.createElement("li"), { textContent: text("none") })
      ]);
    }
    var order = field("order");
    if (order) {
      order.replaceChildren.apply(order, data.order.map(orderRow));
    }
    setText("planned_end", data.planned_end);
    setText("forecast_end", data.forecast_end);
    setText("delay", data.delay_label);
  }

  function apply(data, sentAt, receivedAt) {
    var measured = data.server_now * 1000 - (sentAt + receivedAt) / 2;
    // Keep the best estimate: the one measured over the shortest round trip wins ties.
    if (offsetMs === null || Math.abs(measured - offsetMs) > 250) {
      offsetMs = measured;
    } else {
      offsetMs = offsetMs * 0.8 + measured * 0.2;
    }
    snapshot = data;
    drawSlot(data);
    if (isConsole) {
      drawConsole(data);
    }
    if (lastRevision !== null && data.revision !== lastRevision && data.slot) {
      announce(data.phase_label + ": " + (data.slot.representing || data.slot.speaker));
    }
    lastRevision = data.revision;
    tick();
  }

  function setOffline(isOffline, message) {
    var banner = field("offline");
    if (!banner) {
      return;
    }
    banner.hidden = !isOffline;
    banner.textContent = isOffline ? message : "";
    root.classList.toggle("is-offline", isOffline);
  }

  function schedule() {
    if (stopped) {
      return;
    }
    var wait = failures ? Math.min(pollMs * Math.pow(2, failures), MAX_BACKOFF_MS) : pollMs;
    window.clearTimeout(pollTimer);
    pollTimer = window.setTimeout(poll, wait);
  }

  function poll() {
    var sentAt = Date.now();
    fetch(root.dataset.stateUrl, {
      headers: { Accept: "application/json" },
      cache: "no-store",
      credentials: "same-origin",
      redirect: "error"
    })
      .then(function (response) {
        if (response.status === 410) {
          stopped = true;
          setOffline(true, text("revoked"));
          return null;
        }
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (data) {
          failures = 0;
          setOffline(false);
          apply(data, sentAt, Date.now());
        }
      })
      .catch(function () {
        failures += 1;
        setOffline(true, text("offline"));
      })
      .then(schedule);
  }

  function press(button) {
    if (button.disabled) {
      return;
    }
    var form = button.form;
    var body = new FormData(form);
    var sentAt = Date.now();
    var hadFocus = document.activeElement === button;
    button.disabled = true;
    fetch(button.formAction || form.action, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        apply(result.data, sentAt, Date.now());
        // A pressed control that is now disabled (Start once started) hands the focus on.
        if (hadFocus && button.disabled) {
          var next = root.querySelector(".live-controls button:not([disabled])");
          if (next) {
            next.focus();
          }
        }
        if (result.data.error) {
          announce(result.data.error);
          setOffline(true, result.data.error);
          window.setTimeout(function () { setOffline(false); }, 4000);
        }
      })
      .catch(function () {
        failures += 1;
        setOffline(true, text("offline"));
        button.disabled = false;
      });
  }

  if (isConsole) {
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) {
        return;
      }
      event.preventDefault();
      press(button);
    });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      var target = event.target;
      if (target.closest("input, textarea, select, [contenteditable]")) {
        return;
      }
      var action = KEYS[event.key.toLowerCase()];
      if (!action) {
        return;
      }
      // The space bar on a focused button presses that button, as everywhere else.
      if (event.key === " " && target.closest("button, a")) {
        return;
      }
      event.preventDefault();
      if (action === "toggle") {
        action = "pause";
      }
      var button = root.querySelector('.live-controls button[data-action="' + action + '"]');
      if (button) {
        press(button);
      }
    });
  } else {
    var fullscreen = field("fullscreen");
    if (fullscreen && document.documentElement.requestFullscreen) {
      fullscreen.addEventListener("click", function () {
        document.documentElement.requestFullscreen().catch(function () {});
      });
      document.addEventListener("fullscreenchange", function () {
        fullscreen.hidden = Boolean(document.fullscreenElement);
      });
    } else if (fullscreen) {
      fullscreen.hidden = true;
    }
    // Keep a projector's screen awake where the browser allows it.
    if (navigator.wakeLock) {
      navigator.wakeLock.request("screen").catch(function () {});
    }
  }

  window.setInterval(tick, TICK_MS);
  poll();
})();
