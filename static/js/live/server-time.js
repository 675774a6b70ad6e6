/*
 * How far this browser's clock is from the server's.
 *
 * The server's clock is the truth: each answer says what time it was there. Taking that
 * moment as the middle of the round trip gives the offset to add to `Date.now()`, so
 * consoles and displays show the same second whatever their own clocks say.
 */

/** Differences beyond this are a real change (the clock was set): follow them at once. */
const JUMP_MS = 250;

export class ServerTime {
  #offsetMs = null;

  /** Take a measurement: the server's time (seconds) of an answer, and its round trip (ms). */
  observe(serverNow, sentAt, receivedAt) {
    const measured = serverNow * 1000 - (sentAt + receivedAt) / 2;
    if (this.#offsetMs === null || Math.abs(measured - this.#offsetMs) > JUMP_MS) {
      this.#offsetMs = measured;
    } else {
      // Small differences are network jitter: smooth them out rather than jump.
      this.#offsetMs = this.#offsetMs * 0.8 + measured * 0.2;
    }
  }

  /** Return the server's time now, in seconds since the epoch, or null before any answer. */
  now() {
    return this.#offsetMs === null ? null : (Date.now() + this.#offsetMs) / 1000;
  }
}

/** Return when the page itself was asked for and when its answer began (ms since the epoch). */
export function pageRoundTrip() {
  const [navigation] = performance.getEntriesByType("navigation");
  if (navigation && navigation.responseStart > 0) {
    return {
      sentAt: performance.timeOrigin + navigation.requestStart,
      receivedAt: performance.timeOrigin + navigation.responseStart,
    };
  }
  const now = Date.now();
  return { sentAt: now, receivedAt: now };
}
