/*
 * Draw a ticking countdown into a page: the time, its colour label, the panel's colour.
 *
 * Elements are found by their `data-field` inside `root` at every tick, so a panel that
 * the server redraws keeps ticking.
 */
import { countdownAt } from "./clock.js";

const TICK_MS = 100;
const COLOURS = ["live-normal", "live-warning", "live-over"];

export class Countdown {
  #root;
  #serverTime;
  #texts;
  #onColourChange;
  #snapshot = null;
  #colour = null;

  /**
   * `texts` gives the colour labels ({ warning, over }); `onColourChange(colour)` hears
   * when the countdown turns amber or red.
   */
  constructor(root, { serverTime, texts, onColourChange = () => {} }) {
    this.#root = root;
    this.#serverTime = serverTime;
    this.#texts = texts;
    this.#onColourChange = onColourChange;
  }

  #field(name) {
    if (this.#root.dataset.field === name) {
      return this.#root;
    }
    return this.#root.querySelector(`[data-field="${name}"]`);
  }

  #setText(name, value) {
    const element = this.#field(name);
    if (element && element.textContent !== value) {
      element.textContent = value;
    }
  }

  /** Show a new snapshot of the clock. */
  show(snapshot) {
    this.#snapshot = snapshot;
    this.tick();
  }

  tick() {
    if (!this.#snapshot) {
      return;
    }
    const { label, colour } = countdownAt(this.#snapshot, this.#serverTime.now());
    this.#setText("countdown", label);
    this.#setText("colour_label", colour === "normal" ? "" : this.#texts[colour]);
    const panel = this.#field("panel");
    if (panel && !panel.classList.contains(`live-${colour}`)) {
      panel.classList.remove(...COLOURS);
      panel.classList.add(`live-${colour}`);
    }
    if (this.#colour !== null && colour !== this.#colour && colour !== "normal") {
      this.#onColourChange(colour);
    }
    this.#colour = colour;
  }

  start() {
    window.setInterval(() => this.tick(), TICK_MS);
  }
}

/** Return a snapshot from the data attributes the server writes on a countdown. */
export function snapshotFromDataset(data) {
  return {
    serverNow: Number(data.serverNow),
    elapsedSeconds: Number(data.elapsedSeconds),
    limitSeconds: Number(data.limitSeconds),
    isRunning: data.running === "true",
    isLive: data.live === "true",
    hasSlot: data.hasSlot === "true",
  };
}

/** Return a snapshot from a room display's JSON state. */
export function snapshotFromState(state) {
  return {
    serverNow: state.server_now,
    elapsedSeconds: state.elapsed_seconds,
    limitSeconds: state.limit_seconds,
    isRunning: state.is_running,
    isLive: state.is_live,
    hasSlot: Boolean(state.slot),
  };
}
