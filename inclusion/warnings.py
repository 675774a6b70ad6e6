"""The agenda editor's gentle warning when no woman speaks in a part."""
