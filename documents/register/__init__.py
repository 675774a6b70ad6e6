"""The register of a meeting's official documents: symbol, title, type, version, a file
per language, published to everyone or restricted to the meeting's delegations.

Unlike the rendered documents of this app (made by the portal from the agenda), these are
documents the secretariat issues and uploads: the concept note, the agenda, draft
declarations, reports, information documents.
"""
