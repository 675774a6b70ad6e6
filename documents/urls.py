"""URLs of meeting documents, in the "documents" namespace."""

from django.conf import settings
from django.urls import path, register_converter

from documents import views
from documents.models import DocumentKind
from documents.register import views as register_views


class DocumentKindConverter:
    regex = "|".join(DocumentKind.values)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class OfficialLanguageConverter:
    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(DocumentKindConverter, "document_kind")
register_converter(OfficialLanguageConverter, "official_language")

app_name = "documents"

REGISTER = "secretariat/meetings/<slug:slug>/register/"

urlpatterns = [
    path(
        "meetings/<slug:slug>/documents/<document_kind:kind>/",
        views.document_request,
        name="document_request",
    ),
    path("documents/<int:pk>/status/", views.document_status, name="document_status"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    # The register of official documents.
    path("meetings/<slug:slug>/register/", register_views.register_public, name="register"),
    path(
        "meetings/<slug:slug>/register/<int:pk>/<official_language:language>/",
        register_views.register_file,
        name="register_file",
    ),
    path(REGISTER, register_views.register_list, name="register_list"),
    path(REGISTER + "new/", register_views.register_add, name="register_add"),
    path(REGISTER + "<int:pk>/", register_views.register_edit, name="register_edit"),
    path(REGISTER + "<int:pk>/delete/", register_views.register_delete, name="register_delete"),
]
