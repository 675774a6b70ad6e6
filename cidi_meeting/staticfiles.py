"""Static files in production: hashed names, compressed, and ES module imports rewritten.

The live console's and room display's scripts are ES modules that import each other
(``./countdown.js``). Their imports are rewritten to the hashed names, so a new release
never mixes a cached old module with a new one and every file can be cached for a year.
Only the portal's own modules are rewritten: third-party scripts (htmx's extensions)
name files that are not shipped.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage

MODULES = "js/live/*.js"
# Django's own patterns for ``import … from "…"`` (what ``support_js_module_import_
# aggregation`` would apply to every script), applied to the portal's modules only.
_, MODULE_IMPORTS = CompressedManifestStaticFilesStorage._js_module_import_aggregation_patterns


class PortalStaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = (*CompressedManifestStaticFilesStorage.patterns, (MODULES, MODULE_IMPORTS))
