"""URLs of meeting documents, in the "documents" namespace."""

from django.urls import path, register_converter

from documents import views
from documents.models import DocumentKind


class DocumentKindConverter:
    regex = "|".join(DocumentKind.values)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(DocumentKindConverter, "document_kind")

app_name = "documents"

urlpatterns = [
    path(
        "meetings/<slug:slug>/documents/<document_kind:kind>/",
        views.document_request,
        name="document_request",
    ),
    path("documents/<int:pk>/status/", views.document_status, name="document_status"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
]
