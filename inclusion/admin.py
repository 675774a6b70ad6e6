from django.contrib import admin

from inclusion.models import SelfDeclaration


@admin.register(SelfDeclaration)
class SelfDeclarationAdmin(admin.ModelAdmin):
    """Read-only: a declaration is its person's to write; the secretariat may read it."""

    list_display = ["__str__", "gender", "updated_at"]
    list_filter = ["gender"]
    list_select_related = ["person", "member"]
    search_fields = ["person__full_name", "member__full_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
