/* The agenda editor: drag and drop of speaker slots (SortableJS), and keeping the
   keyboard focus where it was after htmx replaces the agenda. */
(function () {
  "use strict";
  let focusedId = null;

  /* Every part's list of slots is in one group, whatever session block holds it: a
     slot may be dragged into a part of another session (another day or room). */
  function initSortables(root) {
    if (typeof Sortable === "undefined") return;
    root.querySelectorAll(".slot-list").forEach(function (list) {
      if (list.dataset.sortableReady) return;
      list.dataset.sortableReady = "1";
      Sortable.create(list, {
        group: "slots",
        handle: ".drag-handle",
        animation: 150,
        ghostClass: "slot-ghost",
        onEnd: function (event) {
          if (event.from === event.to && event.oldIndex === event.newIndex) return;
          /* The list that received the slot posts its new order; a slot that came from
             another part moves there, and the old part is renumbered by the server. When
             the server refuses the drop (the session would run past its end, or the
             speaker would be in two rooms at once) it answers with the agenda as stored,
             which puts the slot back, and the reason (see showRefusal). */
          htmx.trigger(event.to.closest("form"), "reorder");
        },
      });
    });
  }

  document.addEventListener("htmx:beforeRequest", function () {
    const active = document.activeElement;
    focusedId = active && active.id ? active.id : null;
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!focusedId) return;
    let again = document.getElementById(focusedId);
    /* A slot moved to the top has its "up" control disabled: keep the focus on the
       same slot through its other arrow. */
    if (again && again.disabled) {
      const twin = focusedId.endsWith("-up")
        ? focusedId.replace(/-up$/, "-down")
        : focusedId.replace(/-down$/, "-up");
      again = document.getElementById(twin) || again.closest("li, section");
    }
    if (!again) return;
    if (document.activeElement !== again) again.focus();
    /* htmx gives the focus back to a control it redrew without scrolling to it: a slot
       moved down past the fold took its focused arrow out of view. Bring it back in. */
    again.scrollIntoView({ block: "nearest" });
  });

  /* A form opened in the side panel takes the focus, so keyboard and screen-reader
     users land on it. */
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "editor-panel") {
      const title = document.getElementById("panel-title");
      if (title) {
        focusedId = null;
        title.focus();
      }
    }
  });

  /* After an edit the server writes again only what changed, and every clock time of the
     agenda as minutes after its start ("p12:0:60,s40:0:7": a part's or a slot's start
     and end). Write them into the rows marked data-times, in the meeting's time zone, or
     in the viewer's when the time-zone toggle asks for it (local-times.js). */
  function applyClockTimes() {
    const source = document.getElementById("editor-clock-times");
    if (!source || !source.dataset.times || source.dataset.applied) return;
    source.dataset.applied = "1";
    const origin = Number(source.dataset.origin);
    const toggle = document.querySelector("[data-meeting-zone]");
    const meetingClock = new Intl.DateTimeFormat("en-GB", {
      timeZone: toggle ? toggle.dataset.meetingZone : undefined,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    const viewerClock = new Intl.DateTimeFormat(undefined, {
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    });
    let local = false;
    try {
      local = window.localStorage.getItem("cidi.localTimes") === "1";
    } catch {
      local = false;
    }
    source.dataset.times.split(",").forEach(function (entry) {
      const [key, start, end] = entry.split(":");
      const holder = document.querySelector('[data-times="' + key + '"]');
      if (!holder) return;
      const clocks = holder.querySelectorAll("time[data-clock]");
      [start, end].forEach(function (minutes, index) {
        const element = clocks[index];
        if (!element) return;
        const moment = new Date(origin + Number(minutes) * 60000);
        const text = meetingClock.format(moment);
        element.setAttribute("datetime", moment.toISOString());
        element.dataset.meetingText = text;
        element.textContent = local ? viewerClock.format(moment) : text;
      });
    });
  }

  /* A change the server refused comes back with the agenda as it was and the reason in
     #editor-message (role="alert" reads it out): bring the reason into view. */
  function showRefusal() {
    const refusal = document.querySelector("#editor-message .alert");
    if (!refusal || refusal.dataset.shown) return;
    refusal.dataset.shown = "1";
    refusal.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("htmx:afterSettle", applyClockTimes);
  document.addEventListener("htmx:afterSettle", showRefusal);
  document.addEventListener("htmx:afterOnLoad", applyClockTimes);

  htmx.onLoad(function (content) {
    initSortables(content);
  });
})();
