/* global Quill */
// Rich-text editor for the portal's long texts (cidi_meeting/richtext.py, RichTextarea).
//
// Progressive enhancement: without this script each field is a text area with typed text,
// as before. With it, the text area is hidden and an editor (Quill, from node_modules)
// takes its place, with a toolbar of five buttons: bold, italic, bulleted list, numbered
// list and link. Every word shown comes from the widget's data attributes (the page's
// language); the editor starts from the (sanitized) HTML the server put in the
// <template data-rich-text-html> beside the text area and,
// on submit, writes its HTML back into the text area, which the server sanitizes (nh3).
//
// Keyboard: the toolbar is one tab stop (arrow keys move between its buttons); in the
// text Tab and Shift+Tab leave the editor as in any field (Quill's Tab bindings, which
// would insert a tab or indent a list, are turned off); Ctrl+B, Ctrl+I and Ctrl+K.
(function () {
  "use strict";

  if (typeof Quill === "undefined") {
    return;
  }

  const FORMATS = ["bold", "italic", "list", "link"];
  // Quill's bindings that would keep Tab inside the text (a keyboard trap).
  const TAB_BINDINGS = [
    "tab",
    "indent",
    "outdent",
    "remove tab",
    "indent code-block",
    "outdent code-block",
    "table tab",
  ];
  const LinkBlot = Quill.import("formats/link");

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      node.setAttribute(name, value);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function editorHtml(quill) {
    if (quill.getText().trim() === "") {
      return "";
    }
    return (
      quill
        .getSemanticHTML()
        // Quill 2.0 writes every space as &nbsp;, which would glue words together
        // for search and plain-text copies.
        .replace(/&nbsp;/g, " ")
        // An empty line is spacing, which paragraphs already have.
        .replace(/<p>(<br>)?<\/p>/g, "")
        // Blocks apart by a blank line, as the server writes typed text: the same text
        // is stored the same whether it was typed or written in the editor.
        .replace(/<\/(p|ul|ol)><(?=p>|ul>|ol>)/g, "</$1>\n\n<")
    );
  }

  // A toolbar with one tab stop; arrow keys, Home and End move between its buttons.
  function rovingFocus(toolbar) {
    const buttons = Array.from(toolbar.querySelectorAll("button"));
    buttons.forEach((button, index) => {
      button.tabIndex = index === 0 ? 0 : -1;
    });
    toolbar.addEventListener("keydown", (event) => {
      const current = buttons.indexOf(document.activeElement);
      if (current < 0) {
        return;
      }
      const moves = {
        ArrowRight: current + 1,
        ArrowLeft: current - 1,
        Home: 0,
        End: buttons.length - 1,
      };
      if (!(event.key in moves)) {
        return;
      }
      event.preventDefault();
      const next = (moves[event.key] + buttons.length) % buttons.length;
      buttons[current].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });
  }

  function linkRange(quill, range) {
    // With the cursor inside a link, the link applies to the whole link.
    if (range.length === 0) {
      const [link, offset] = quill.scroll.descendant(LinkBlot, range.index);
      if (link) {
        return { index: range.index - offset, length: link.length() };
      }
    }
    return range;
  }

  function linkPanel(quill, labels, id) {
    const panel = element("div", {
      class: "rich-text-link-panel",
      role: "group",
      "aria-label": labels.labelLink,
    });
    panel.hidden = true;
    const inputId = `${id}_link`;
    const label = element("label", { for: inputId, class: "form-label" }, labels.labelLinkAddress);
    const input = element("input", {
      id: inputId,
      type: "url",
      class: "form-control form-control-sm",
      placeholder: "https://",
      autocomplete: "url",
    });
    const apply = element("button", { type: "button", class: "btn btn-sm btn-primary" }, labels.labelLinkApply);
    const remove = element(
      "button",
      { type: "button", class: "btn btn-sm btn-outline-danger" },
      labels.labelLinkRemove,
    );
    const cancel = element(
      "button",
      { type: "button", class: "btn btn-sm btn-outline-secondary" },
      labels.labelLinkCancel,
    );
    const actions = element("div", { class: "d-flex flex-wrap gap-2 mt-2" });
    actions.append(apply, remove, cancel);
    panel.append(label, input, actions);

    let range = null;

    function close() {
      panel.hidden = true;
      quill.focus();
      if (range) {
        quill.setSelection(range.index + range.length, 0, "silent");
      }
    }

    function open() {
      range = linkRange(quill, quill.getSelection(true));
      const current = quill.getFormat(range).link;
      input.value = typeof current === "string" ? current : "";
      remove.hidden = !current;
      panel.hidden = false;
      input.focus();
    }

    function save() {
      const address = input.value.trim();
      if (!address) {
        close();
        return;
      }
      if (range.length === 0) {
        quill.insertText(range.index, address, "link", address, "user");
        range = { index: range.index, length: address.length };
      } else {
        quill.formatText(range.index, range.length, "link", address, "user");
      }
      close();
    }

    apply.addEventListener("click", save);
    remove.addEventListener("click", () => {
      quill.formatText(range.index, range.length, "link", false, "user");
      close();
    });
    cancel.addEventListener("click", close);
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "Enter" && event.target === input) {
        event.preventDefault();
        save();
      }
    });
    return { panel, open };
  }

  function describedBy(textarea, helpId) {
    const ids = [helpId, ...(textarea.getAttribute("aria-describedby") || "").split(/\s+/)];
    const error = document.getElementById(`${textarea.id}_error`);
    if (error) {
      ids.push(error.id);
    }
    const shown = (id) => id && document.getElementById(id) && !document.getElementById(id).hidden;
    return Array.from(new Set(ids.filter(shown))).join(" ");
  }

  function enhance(wrapper) {
    const textarea = wrapper.querySelector("textarea");
    if (!textarea || !textarea.id || wrapper.classList.contains("rich-text-enhanced")) {
      return;
    }
    const labels = wrapper.dataset;
    const id = textarea.id;
    // The toolbar replaces the hint on typing formatting by hand.
    wrapper.querySelectorAll("[data-rich-text-plain-help]").forEach((hint) => {
      hint.hidden = true;
    });

    const toolbar = element("div", {
      class: "rich-text-toolbar",
      role: "toolbar",
      "aria-label": labels.labelToolbar,
      "aria-controls": `${id}_editor`,
    });
    [
      ["ql-bold", labels.labelBold],
      ["ql-italic", labels.labelItalic],
      ["ql-list", labels.labelBullet, "bullet"],
      ["ql-list", labels.labelOrdered, "ordered"],
      ["ql-link", labels.labelLink],
    ].forEach(([className, name, value]) => {
      const button = element("button", { type: "button", class: className, "aria-label": name, title: name });
      if (value) {
        button.value = value;
      }
      toolbar.append(button);
    });
    const host = element("div", { class: "rich-text-editor" });
    const help = element("div", { id: `${id}_editorhelp`, class: "form-text" }, labels.labelHelp);
    const rows = Number(textarea.getAttribute("rows")) || 4;

    let link = null;
    wrapper.append(toolbar, host, help);
    const bindings = {};
    TAB_BINDINGS.forEach((name) => {
      bindings[name] = false;
    });
    const quill = new Quill(host, {
      theme: "snow",
      formats: FORMATS,
      modules: {
        toolbar: { container: toolbar, handlers: { link: () => link.open() } },
        keyboard: { bindings },
      },
    });
    link = linkPanel(quill, labels, id);
    toolbar.after(link.panel);
    rovingFocus(toolbar);

    const source = wrapper.querySelector("template[data-rich-text-html]");
    const html = source ? source.innerHTML : "";
    if (html.trim()) {
      quill.setContents(quill.clipboard.convert({ html }), "silent");
    } else {
      // A text area rendered without the server's HTML: its text, as typed.
      quill.setText(textarea.value, "silent");
    }
    quill.history.clear();

    const editor = quill.root;
    editor.id = `${id}_editor`;
    editor.style.minHeight = `${rows * 1.5 + 1}em`;
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    const label = document.querySelector(`label[for="${id}"]`);
    if (label) {
      // The label names the editor now; a label "for" the hidden text area would also
      // name that one, and clicking it would focus nothing.
      label.id = label.id || `${id}_label`;
      label.removeAttribute("for");
      label.addEventListener("click", () => quill.focus());
      editor.setAttribute("aria-labelledby", label.id);
    }
    editor.setAttribute("aria-describedby", describedBy(textarea, help.id));
    if (textarea.classList.contains("is-invalid")) {
      editor.setAttribute("aria-invalid", "true");
      wrapper.classList.add("is-invalid");
    }
    if (textarea.required) {
      // The browser would refuse to submit a hidden, empty required field without
      // saying why; the editor announces it and the server checks it.
      editor.setAttribute("aria-required", "true");
      textarea.required = false;
    }

    textarea.hidden = true;
    wrapper.classList.add("rich-text-enhanced");
    // Until the person changes the text, the text area keeps what the server gave it
    // (stored text, or what was posted): saving unchanged stores the same HTML, even
    // where Quill would write it differently (a line break inside a paragraph).
    let changed = false;
    quill.on("text-change", (delta, before, origin) => {
      if (origin === "user") {
        changed = true;
      }
      if (changed) {
        textarea.value = editorHtml(quill);
      }
    });
    if (textarea.form) {
      textarea.form.addEventListener("submit", () => {
        if (changed) {
          textarea.value = editorHtml(quill);
        }
      });
    }
  }

  function enhanceAll() {
    document.querySelectorAll("[data-rich-text]").forEach(enhance);
  }

  // crispy-forms may load this script inside the form, before the fields it enhances.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
