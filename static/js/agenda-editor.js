/* The agenda editor: drag and drop of speaker slots (SortableJS), and keeping the
   keyboard focus where it was after htmx replaces the agenda. */
(function () {
  "use strict";
  let focusedId = null;

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
             another part moves there, and the old part is renumbered by the server. */
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

  htmx.onLoad(function (content) {
    initSortables(content);
  });
})();
