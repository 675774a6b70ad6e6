"""What the administration site's classes share across the portal's apps.

An edit in the administration site is an edit like any other: a record that several staff
members may edit at once (``VersionedModel``) gets a new version, so that a form opened
in the editor before it is refused rather than overwriting the change. Search fields of
translated columns name every language's column, so a search finds a title in any of
them.
"""

from django.conf import settings
from django.contrib import admin

from cidi_meeting.versioning import VersionedModel


def in_every_language(*names):
    """Return the per-language columns of translated fields: title_en, title_es…"""
    return [f"{name}_{code}" for name in names for code, _label in settings.LANGUAGES]


class VersionedAdminMixin:
    """Raise a versioned record's version when it is changed in the administration site."""

    def save_model(self, request, obj, form, change):
        if change and isinstance(obj, VersionedModel):
            obj.version += 1
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record the portal writes itself (a log, the outbox, a rendering): view only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
