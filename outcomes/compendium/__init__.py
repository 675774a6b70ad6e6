"""The public compendium of good practices: search, filters with facet counts, exports.

``filters`` reads the search box and the filters, ``facets`` counts the result set per
filter value, ``selectors`` shapes the reads, ``display`` prepares what the pages show,
``exports`` writes CSV and JSON, and ``views`` ties them to the URLs of
``outcomes/urls_compendium.py``.
"""
