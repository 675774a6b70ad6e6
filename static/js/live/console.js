/*
 * The moderator's live console.
 *
 * The server draws the panel (clock, controls, running order) and decides which controls
 * are enabled; htmx posts the presses and swaps in the redrawn panel. This script only
 * asks htmx to refresh the panel every second (the server answers 204 while nothing
 * changed), ticks the countdown between answers, and maps the keys S, P (or space), Q,
 * E, K and N to the controls, unless the moderator turned the keys off (WCAG 2.1.4; the
 * choice is remembered in this browser). The keyboard focus stays where it was when the
 * panel is redrawn; a pressed control that is now disabled hands it to Pause, or else
 * to the current slot.
 */
import { Countdown, snapshotFromDataset } from "./countdown.js";
import { ServerTime, pageRoundTrip } from "./server-time.js";

const REFRESH_MS = 1000;
const MAX_BACKOFF_MS = 5000;
const KEYS = { s: "start", p: "pause", " ": "pause", q: "questions", e: "end", k: "skip", n: "next" };
const KEYS_STORAGE = "cidi.console.keys";

function readKeysSetting() {
  try {
    return window.localStorage.getItem(KEYS_STORAGE) !== "off";
  } catch {
    return true;
  }
}

function saveKeysSetting(isOn) {
  try {
    window.localStorage.setItem(KEYS_STORAGE, isOn ? "on" : "off");
  } catch {
    // Storage refused (private mode): the choice lasts as long as the page.
  }
}

function startConsole(root, panel) {
  const htmx = window.htmx;
  const serverTime = new ServerTime();
  const roundTrips = new WeakMap();
  const texts = { warning: root.dataset.textWarning, over: root.dataset.textOver };
  let failures = 0;
  let refreshTimer = null;
  let shownRevision = null;
  let focusedId = null;
  let showCurrent = false;
  let keysOn = readKeysSetting();

  // With the shortcuts off, the buttons no longer announce them to screen readers
  // (aria-keyshortcuts) and their hints are hidden; the panel's redraws bring them back,
  // so this runs after each one.
  function showKeys() {
    root.classList.toggle("keys-off", !keysOn);
    for (const button of panel.querySelectorAll("[data-keyshortcut]")) {
      if (keysOn) {
        button.setAttribute("aria-keyshortcuts", button.dataset.keyshortcut);
      } else {
        button.removeAttribute("aria-keyshortcuts");
      }
    }
  }

  const keysToggle = document.getElementById("console-keys");
  if (keysToggle) {
    keysToggle.checked = keysOn;
    keysToggle.addEventListener("change", () => {
      keysOn = keysToggle.checked;
      saveKeysSetting(keysOn);
      showKeys();
    });
  }
  showKeys();

  function field(name) {
    return root.querySelector(`[data-field="${name}"]`);
  }

  function announce(message) {
    const region = field("announce");
    if (region && message) {
      // Emptied first, so the same words twice are read twice.
      region.textContent = "";
      window.setTimeout(() => {
        region.textContent = message;
      }, 50);
    }
  }

  function setOffline(isOffline) {
    const banner = field("offline");
    banner.hidden = !isOffline;
    banner.textContent = isOffline ? root.dataset.textOffline : "";
    root.classList.toggle("is-offline", isOffline);
  }

  const countdown = new Countdown(root, {
    serverTime,
    texts,
    onColourChange: (colour) => announce(texts[colour]),
  });

  function showPanel(sentAt, receivedAt) {
    const clock = panel.querySelector('[data-field="countdown"]');
    const current = panel.querySelector('[data-field="panel"]');
    const snapshot = snapshotFromDataset(clock.dataset);
    serverTime.observe(snapshot.serverNow, sentAt, receivedAt);
    countdown.show(snapshot);
    if (shownRevision !== null && current.dataset.revision !== shownRevision) {
      announce(current.dataset.announce);
    }
    shownRevision = current.dataset.revision;
  }

  function scheduleRefresh() {
    window.clearTimeout(refreshTimer);
    const wait = failures ? Math.min(REFRESH_MS * 2 ** failures, MAX_BACKOFF_MS) : REFRESH_MS;
    refreshTimer = window.setTimeout(() => htmx.trigger(panel, "console-refresh"), wait);
  }

  function fromPanel(event) {
    return panel.contains(event.detail.elt) || event.detail.elt === panel;
  }

  function rememberFocus() {
    const active = document.activeElement;
    if (active && active.id && panel.contains(active)) {
      focusedId = active.id;
    }
  }

  function restoreFocus() {
    const active = document.activeElement;
    const lost = !active || active === document.body || !active.isConnected;
    if (focusedId && lost) {
      // The same control again if it can still be pressed, else Pause (space there pauses,
      // as the shortcut says), else the current slot: never Start or Next, where space
      // would move the meeting on.
      const again = document.getElementById(focusedId);
      const pause = document.getElementById("console-pause");
      let next = document.getElementById("console-current");
      if (again && !again.disabled) {
        next = again;
      } else if (pause && !pause.disabled) {
        next = pause;
      }
      if (next) {
        next.focus({ preventScroll: true });
      }
    }
    focusedId = null;
  }

  // A press is sent from the panel, never from its button: the panel stays in the page,
  // while a refresh that lands first redraws the buttons, and htmx drops a request
  // queued on an element that left the page (the press would be lost). Presses and
  // refreshes share the panel's queue, so they reach the server in the order made.
  function pressFromPanel(button) {
    const form = button.closest("form");
    const values = Object.fromEntries(new FormData(form));
    focusedId = button.id || focusedId;
    // "Go to" is pressed down in the running order: the item it brings up is shown.
    showCurrent = button.dataset.action === "go_to";
    button.disabled = true;
    htmx.ajax("POST", button.getAttribute("formaction") || form.action, {
      source: panel,
      target: panel,
      swap: "innerHTML",
      values,
    });
  }

  panel.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button || button.disabled || !panel.contains(button)) {
      return;
    }
    event.preventDefault();
    pressFromPanel(button);
  });

  panel.addEventListener("htmx:beforeRequest", (event) => {
    // Kept before htmx disables the pressed button, which takes the focus away from it.
    if (event.detail.elt !== panel) {
      rememberFocus();
    }
    roundTrips.set(event.detail.xhr, { sentAt: Date.now() });
  });

  panel.addEventListener("htmx:beforeSwap", (event) => {
    const timing = roundTrips.get(event.detail.xhr);
    if (timing) {
      timing.receivedAt = Date.now();
    }
    // A refresh redraws the element that has the focus: keep which one it was.
    rememberFocus();
    // A refused press (409) comes with the panel saying why: show it.
    if (event.detail.xhr.status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  panel.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target !== panel) {
      return;
    }
    const timing = roundTrips.get(event.detail.xhr) || {};
    const now = Date.now();
    showPanel(timing.sentAt || now, timing.receivedAt || now);
    showKeys();
    restoreFocus();
    if (showCurrent) {
      showCurrent = false;
      document.getElementById("console-current")?.scrollIntoView({ block: "start" });
    }
  });

  panel.addEventListener("htmx:afterSettle", restoreFocus);

  panel.addEventListener("htmx:afterRequest", (event) => {
    if (!fromPanel(event)) {
      return;
    }
    const answered = event.detail.successful === true;
    setOffline(!answered);
    if (event.detail.elt === panel) {
      failures = answered ? 0 : failures + 1;
      scheduleRefresh();
    }
  });

  document.addEventListener("keydown", (event) => {
    if (!keysOn || event.ctrlKey || event.metaKey || event.altKey || event.repeat) {
      return;
    }
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    const action = KEYS[event.key.toLowerCase()];
    if (!action) {
      return;
    }
    // The space bar on a focused button or link presses that, as everywhere else.
    if (event.key === " " && target.closest("button, a")) {
      return;
    }
    event.preventDefault();
    const button = panel.querySelector(`.live-controls button[data-action="${action}"]`);
    if (button && !button.disabled) {
      button.click();
    }
  });

  const { sentAt, receivedAt } = pageRoundTrip();
  showPanel(sentAt, receivedAt);
  countdown.start();
  scheduleRefresh();
}

const root = document.getElementById("live-console");
const panel = document.getElementById("console-panel");
if (root && panel && window.htmx) {
  startConsole(root, panel);
}
