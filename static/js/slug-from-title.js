/* The meeting's web address: made from the title as the secretariat types it, until the
   address itself is edited; the address of the meeting page it gives is shown under it.
   A slug input names its title field in data-slug-from. Loaded again with every form
   htmx puts in the editor's panel, so each input is set up once. */
(function () {
  "use strict";

  function slugify(text, maxLength) {
    const slug = text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    return slug.slice(0, maxLength).replace(/-+$/, "");
  }

  function showAddress(slugInput) {
    const help = document.getElementById(slugInput.getAttribute("aria-describedby") || "");
    const address = help && help.querySelector("[data-slug-address]");
    if (!address) return;
    address.textContent =
      window.location.origin +
      slugInput.dataset.slugAddressPrefix +
      (slugInput.value || "…") +
      slugInput.dataset.slugAddressSuffix;
  }

  function setUp(slugInput) {
    if (slugInput.dataset.slugReady) return;
    slugInput.dataset.slugReady = "1";
    const form = slugInput.form;
    const title = form && form.elements.namedItem(slugInput.dataset.slugFrom);
    const maxLength = Number(slugInput.getAttribute("maxlength")) || 80;
    /* An address already chosen stays: pages and calendars may link to it. */
    let following = slugInput.value === "";

    if (title) {
      title.addEventListener("input", function () {
        if (!following) return;
        slugInput.value = slugify(title.value, maxLength);
        showAddress(slugInput);
      });
    }
    slugInput.addEventListener("input", function () {
      following = false;
      showAddress(slugInput);
    });
    showAddress(slugInput);
  }

  function setUpAll() {
    document.querySelectorAll("input[data-slug-from]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
