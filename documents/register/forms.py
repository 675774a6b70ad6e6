"""The secretariat's form of an official document: its fields and a file per language."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cidi_meeting.text import SafeTextMixin
from cidi_meeting.translated_forms import TranslatedFieldsMixin
from cidi_meeting.uploads import DOCX, PDF, validate_document
from documents.register.models import OfficialDocument
from documents.register.services import NO_FILE_MESSAGE

FILE_TYPES = [PDF, DOCX]
FILE_MAX_BYTES = 20 * 1024 * 1024


class OfficialDocumentForm(SafeTextMixin, TranslatedFieldsMixin, forms.ModelForm):
    """The document's fields, then for each official language a file (and, for a file
    already stored, a box to remove it)."""

    class Meta:
        model = OfficialDocument
        fields = ["symbol", "title", "document_type", "version", "access", "order"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["version"].min_value = 1
        self.fields["version"].widget.attrs["min"] = "1"
        stored = {}
        if self.instance.pk is not None:
            stored = {item.language: item for item in self.instance.files.all()}
        self.stored = stored
        for code, name in settings.LANGUAGES:
            self.fields[f"file_{code}"] = forms.FileField(
                label=_("File in %(language)s") % {"language": name},
                required=False,
                help_text=_("PDF or Word (DOCX), up to 20 MB."),
                widget=forms.ClearableFileInput(
                    attrs={
                        "accept": ".pdf,.docx,application/pdf,"
                        "application/vnd.openxmlformats-officedocument"
                        ".wordprocessingml.document"
                    }
                ),
            )
            if code in stored:
                self.fields[f"file_{code}"].help_text = _(
                    "Stored: %(type)s, %(size)s. Choose a file only to replace it."
                ) % {"type": stored[code].kind_label, "size": filesizeformat(stored[code].size)}
                self.fields[f"remove_{code}"] = forms.BooleanField(
                    label=_("Remove the file in %(language)s") % {"language": name},
                    required=False,
                )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *self._meta.fields,
            Fieldset(
                _("Files (at least one language)"),
                *[name for name in self.fields if name.startswith(("file_", "remove_"))],
            ),
        )
        self.helper.add_input(Submit("save", _("Save the document")))

    def clean_symbol(self):
        symbol = " ".join(self.cleaned_data["symbol"].split())
        taken = OfficialDocument.objects.filter(meeting=self.meeting, symbol__iexact=symbol)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("This meeting already has a document %(symbol)s."),
                code="duplicate_symbol",
                params={"symbol": symbol},
            )
        return symbol

    def _clean_file(self, code):
        upload = self.cleaned_data.get(f"file_{code}")
        if upload and hasattr(upload, "content_type"):
            try:
                validate_document(upload, allowed=FILE_TYPES, max_bytes=FILE_MAX_BYTES)
            except forms.ValidationError as error:
                self.add_error(f"file_{code}", error)
                return None
            return upload
        return None

    def clean(self):
        cleaned_data = super().clean()
        self.uploads = {}
        refused = False
        for code, _name in settings.LANGUAGES:
            had_upload = bool(self.cleaned_data.get(f"file_{code}"))
            upload = self._clean_file(code)
            if upload is not None:
                self.uploads[code] = upload
            elif had_upload or f"file_{code}" in self.errors:
                refused = True
        self.removed = {
            code for code in self.stored if self.cleaned_data.get(f"remove_{code}")
        } - set(self.uploads)
        remaining = (set(self.stored) - self.removed) | set(self.uploads)
        # A refused upload already says why; the form-wide message is for no file at all.
        if not remaining and not refused:
            raise forms.ValidationError(NO_FILE_MESSAGE, code="no_file")
        return cleaned_data

    def document_data(self):
        """Return the document's fields for ``official_document_save``."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}
