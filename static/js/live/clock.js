/*
 * The room clock's arithmetic: what a countdown shows at a given moment.
 *
 * Pure functions, shared by the console and the room display. A snapshot is what the
 * server said at `serverNow` (seconds since the epoch): the phase's limit, the seconds
 * it had run, whether it is running, whether a slot holds the floor.
 */

/** The last minute of a phase shows amber. */
export const WARNING_SECONDS = 60;

function minutesAndSeconds(whole) {
  return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
}

/** Return "6:59" for a countdown, "+0:31" once over time. */
export function countdownLabel(remaining) {
  if (remaining >= 0) {
    // A phase that has just begun shows its full limit ("7:00"), not one second less.
    return minutesAndSeconds(Math.ceil(remaining - 1e-6));
  }
  return "+" + minutesAndSeconds(Math.floor(-remaining));
}

/** Return "normal", "warning" (the last minute) or "over" (counting up). */
export function colourFor({ isLive, remaining }) {
  if (!isLive) {
    return "normal";
  }
  if (remaining < 0) {
    return "over";
  }
  return remaining <= WARNING_SECONDS ? "warning" : "normal";
}

/**
 * Return the seconds the phase has run at `serverNow` (seconds since the epoch, or null
 * while the server's time is not known yet: the snapshot's own figure then).
 */
export function elapsedAt(snapshot, serverNow) {
  let elapsed = snapshot.elapsedSeconds;
  if (snapshot.isRunning && serverNow !== null) {
    elapsed += serverNow - snapshot.serverNow;
  }
  return Math.max(0, elapsed);
}

/** Return what the countdown shows at `serverNow`: its text and its colour. */
export function countdownAt(snapshot, serverNow) {
  const remaining = snapshot.limitSeconds - elapsedAt(snapshot, serverNow);
  return {
    label: snapshot.hasSlot ? countdownLabel(remaining) : "",
    colour: colourFor({ isLive: snapshot.isLive, remaining }),
  };
}
