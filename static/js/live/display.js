/*
 * A room display: poll the clock's state (JSON) twice a second and draw it.
 *
 * No sign-in: the secret link is the key. A lost connection is said on screen and the
 * page keeps trying, less often; a revoked link answers 410 and the screen says so.
 */
import { Countdown, snapshotFromState } from "./countdown.js";
import { ServerTime } from "./server-time.js";

const MAX_BACKOFF_MS = 5000;
const REVOKED = Symbol("revoked");

const MIN_FIT = 0.5;

function startDisplay(root) {
  const pollMs = Number.parseInt(root.dataset.pollMs, 10) || 1000;
  const serverTime = new ServerTime();
  const countdown = new Countdown(root, {
    serverTime,
    texts: { warning: root.dataset.textWarning, over: root.dataset.textOver },
  });
  let failures = 0;

  function field(name) {
    return root.querySelector(`[data-field="${name}"]`);
  }

  function setText(name, value) {
    const element = field(name);
    if (element && element.textContent !== value) {
      element.textContent = value;
    }
  }

  function setOffline(message) {
    const banner = field("offline");
    banner.hidden = !message;
    banner.textContent = message || "";
    root.classList.toggle("is-offline", Boolean(message));
  }

  function setShown(name, isShown) {
    const element = field(name);
    if (element) {
      element.hidden = !isShown;
    }
  }

  function draw(state) {
    const slot = state.slot || {};
    setText("phase_label", state.phase_label);
    // Before the first slot the meeting's title is on its own line: no speaker yet.
    setText("speaker", slot.speaker || "");
    // A part timed as a whole names its lead where a speaker's delegation would be.
    setText("representing", slot.representing || slot.lead_label || "");
    setText("segment", slot.segment || "");
    setText("floor_language", slot.floor_language || "");
    setShown("language_line", Boolean(slot.floor_language));
    setText("next_label", state.next_label || "");
    setShown("next_label", Boolean(state.next_label));
    // Paused says so in words and in the panel's look, not by colour alone.
    setText("paused", state.paused_label || "");
    setShown("paused", Boolean(state.is_paused));
    root.classList.toggle("is-paused", Boolean(state.is_paused));
    countdown.show(snapshotFromState(state));
    fitToScreen();
  }

  // A projector cannot scroll: shrink every text (the --fit factor of live-display.css)
  // until the page is no taller than the screen, and grow it back when the text allows.
  function fitToScreen() {
    const page = document.documentElement;
    let fit = 1;
    root.style.setProperty("--fit", "1");
    while (page.scrollHeight > window.innerHeight && fit > MIN_FIT) {
      fit = Math.round((fit - 0.05) * 100) / 100;
      root.style.setProperty("--fit", String(fit));
    }
  }

  async function fetchState() {
    const response = await fetch(root.dataset.stateUrl, {
      headers: { Accept: "application/json" },
      cache: "no-store",
      credentials: "same-origin",
      redirect: "error",
    });
    if (response.status === 410) {
      return REVOKED;
    }
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    return response.json();
  }

  async function poll() {
    const sentAt = Date.now();
    try {
      const state = await fetchState();
      if (state === REVOKED) {
        setOffline(root.dataset.textRevoked);
        return; // A revoked link stays revoked: stop asking.
      }
      serverTime.observe(state.server_now, sentAt, Date.now());
      failures = 0;
      setOffline(null);
      draw(state);
    } catch {
      failures += 1;
      setOffline(root.dataset.textOffline);
    }
    const wait = failures ? Math.min(pollMs * 2 ** failures, MAX_BACKOFF_MS) : pollMs;
    window.setTimeout(poll, wait);
  }

  const fullscreen = field("fullscreen");
  if (document.documentElement.requestFullscreen) {
    fullscreen.addEventListener("click", () => {
      document.documentElement.requestFullscreen().catch(() => {});
    });
    document.addEventListener("fullscreenchange", () => {
      fullscreen.hidden = Boolean(document.fullscreenElement);
    });
  } else {
    fullscreen.hidden = true;
  }
  // Keep a projector's screen awake where the browser allows it.
  if (navigator.wakeLock) {
    navigator.wakeLock.request("screen").catch(() => {});
  }

  window.addEventListener("resize", fitToScreen);
  countdown.start();
  fitToScreen();
  poll();
}

const root = document.getElementById("room-display");
if (root) {
  startDisplay(root);
}
