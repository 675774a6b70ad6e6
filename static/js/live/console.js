/*
 * The moderator's live console.
 *
 * The server draws the panel (clock, controls, running order) and decides which controls
 * are enabled; htmx posts the presses and swaps in the redrawn panel. This script only
 * asks htmx to refresh the panel every second (the server answers 204 while nothing
 * changed), ticks the countdown between answers, and maps the keys S, P (or space), Q,
 * E, K and N to the controls.
 */
import { Countdown, snapshotFromDataset } from "./countdown.js";
import { ServerTime, pageRoundTrip } from "./server-time.js";

const REFRESH_MS = 1000;
const MAX_BACKOFF_MS = 5000;
const KEYS = { s: "start", p: "pause", " ": "pause", q: "questions", e: "end", k: "skip", n: "next" };

function startConsole(root, panel) {
  const htmx = window.htmx;
  const serverTime = new ServerTime();
  const roundTrips = new WeakMap();
  const texts = { warning: root.dataset.textWarning, over: root.dataset.textOver };
  let failures = 0;
  let refreshTimer = null;
  let shownRevision = null;
  let focusedId = null;

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

  panel.addEventListener("htmx:beforeRequest", (event) => {
    // Kept before htmx disables the pressed button, which takes the focus away from it.
    const active = document.activeElement;
    if (active && active.id && panel.contains(active)) {
      focusedId = active.id;
    }
    roundTrips.set(event.detail.xhr, { sentAt: Date.now() });
  });

  panel.addEventListener("htmx:beforeSwap", (event) => {
    const timing = roundTrips.get(event.detail.xhr);
    if (timing) {
      timing.receivedAt = Date.now();
    }
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
  });

  panel.addEventListener("htmx:afterSettle", () => {
    const active = document.activeElement;
    if (focusedId && (!active || active === document.body)) {
      // A pressed control that is now disabled (Start once started) hands the focus on.
      const again = document.getElementById(focusedId);
      const next = again && !again.disabled ? again : panel.querySelector(".live-controls button:not([disabled])");
      if (next) {
        next.focus();
      }
    }
    focusedId = null;
  });

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
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) {
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
