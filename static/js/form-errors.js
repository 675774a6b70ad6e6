/* The portal's error summary (templates/includes/form_errors.html).

   A form shown again with its errors: the focus moves to the summary at the top of the
   form, so that keyboard and screen-reader users start from the list of errors instead
   of the top of the page (WCAG 3.3.1, 2.4.3). Each link of the summary moves the focus
   to its field, showing the field's label too; a field the browser cannot focus itself
   (the rich-text editor keeps its value in a hidden input) gives the focus to the first
   control of its group. A summary that htmx brings in (the agenda editor's side panel)
   is focused the same way, and the page's title says "Error:" while it is shown. */
(function () {
  "use strict";

  const SUMMARY = "[data-error-summary]";
  const FOCUSABLE = "input:not([type=hidden]), select, textarea, [contenteditable=true], button, [tabindex]";

  function focusSummary(root) {
    const summary = root.querySelector(SUMMARY);
    if (!summary) return false;
    const details = summary.closest("details");
    if (details) details.open = true;
    summary.focus();
    return true;
  }

  function isFocusable(element) {
    return !element.disabled && element.type !== "hidden" && element.getClientRects().length > 0;
  }

  function fieldOf(target) {
    if (isFocusable(target)) return target;
    const group = target.closest(".mb-3, fieldset, .form-group, [id^='div_']");
    if (!group) return null;
    return Array.from(group.querySelectorAll(FOCUSABLE)).find(isFocusable) || null;
  }

  function labelOf(field) {
    if (field.labels && field.labels.length) return field.labels[0];
    const legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
    return legend || field;
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest(SUMMARY + " a[href^='#']");
    if (!link) return;
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    const details = target.closest("details");
    if (details) details.open = true;
    const field = fieldOf(target);
    if (!field) return;
    event.preventDefault();
    labelOf(field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });

  /* The title of a page shown by the server already says "Error:"; a panel htmx swaps in
     brings its own summary, or none once the form is corrected. */
  let errorPrefix = "";

  function syncTitle() {
    const summary = document.querySelector(SUMMARY);
    if (summary) errorPrefix = summary.dataset.titlePrefix || errorPrefix;
    if (!errorPrefix) return;
    const prefixed = document.title.startsWith(errorPrefix);
    if (summary && !prefixed) document.title = errorPrefix + document.title;
    if (!summary && prefixed) document.title = document.title.slice(errorPrefix.length);
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    syncTitle();
    focusSummary(event.detail.target || document);
  });

  syncTitle();
  focusSummary(document);
})();
