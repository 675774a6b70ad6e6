/* Toggle the agenda's clock times between the meeting's time zone and the viewer's.
   The server renders times in the meeting's zone; each <time data-clock> carries the
   exact instant in its datetime attribute, so the browser can show it in any zone. */
(function () {
  "use strict";
  const STORAGE_KEY = "cidi.localTimes";
  const formatter = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hour12: false });
  const viewerZoneId = Intl.DateTimeFormat().resolvedOptions().timeZone;

  /* The viewer's zone as people know it, in the page's language, as the server names the
     meeting's ("Central European Time, Madrid"); its id when the browser cannot say. */
  function zoneName(zone) {
    const city = zone.split("/").pop().replace(/_/g, " ");
    try {
      const parts = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        timeZone: zone,
        timeZoneName: "longGeneric",
      }).formatToParts(new Date());
      const name = parts.find(function (part) {
        return part.type === "timeZoneName";
      });
      return name && zone.includes("/") ? name.value + ", " + city : zone;
    } catch {
      return zone;
    }
  }
  const viewerZone = zoneName(viewerZoneId);

  function apply(root, useLocal) {
    root.querySelectorAll("time[data-clock]").forEach(function (element) {
      if (!element.dataset.meetingText) {
        element.dataset.meetingText = element.textContent;
      }
      element.textContent = useLocal
        ? formatter.format(new Date(element.getAttribute("datetime")))
        : element.dataset.meetingText;
    });
    root.querySelectorAll("[data-zone-name]").forEach(function (element) {
      if (!element.dataset.meetingText) {
        element.dataset.meetingText = element.textContent;
      }
      element.textContent = useLocal ? viewerZone : element.dataset.meetingText;
    });
    document.querySelectorAll("[data-time-zone-toggle]").forEach(function (toggle) {
      const button = toggle.querySelector("button");
      const label = toggle.querySelector("[data-zone-label]");
      button.setAttribute("aria-pressed", useLocal ? "true" : "false");
      button.textContent = useLocal ? button.dataset.labelMeeting : button.dataset.labelLocal;
      label.textContent = useLocal
        ? button.dataset.textLocal.replace("%(zone)s", viewerZone)
        : button.dataset.textMeeting;
    });
  }

  function wanted() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) === "1";
    } catch {
      return false;
    }
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-time-zone-toggle] button");
    if (!button) return;
    const useLocal = !wanted();
    try {
      window.localStorage.setItem(STORAGE_KEY, useLocal ? "1" : "0");
    } catch {
      /* Private browsing: the choice lasts for this page only. */
    }
    apply(document, useLocal);
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (wanted()) apply(document, true);
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (wanted()) apply(document, true);
  });
})();
