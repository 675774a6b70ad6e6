// ESLint for the portal's own scripts (static/js/): `npx --no-install eslint static/js`.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: {
        ...globals.browser,
        // Loaded before the portal's scripts by templates/base.html.
        htmx: "readonly",
        // Loaded by the agenda editor's page, from node_modules/sortablejs.
        Sortable: "readonly",
      },
    },
  },
  {
    // The live console and room display are ES modules (<script type="module">).
    files: ["static/js/live/**/*.js"],
    languageOptions: { sourceType: "module" },
  },
];
