"""Spreadsheet import and export in the admin (django-import-export), made safe for editors.

What every spreadsheet here does, whatever it holds:

- **Formulas never travel.** A cell that a spreadsheet would run as a formula (starting with
  ``=``, ``@``, a tab or carriage return, or ``+``/``-`` followed by anything but a number)
  is refused on import, with its row and column; on export such text is prefixed with an
  apostrophe so a spreadsheet shows it as text (CSV injection). XLSX files are read with
  their formulas, not the values a spreadsheet last worked out, so a formula cannot hide.
- **All or nothing.** The admin shows a dry run first, row by row, and offers "Confirm" only
  when no row has an error; the confirmed import runs in one transaction that is rolled back
  if any row fails.
- **Every changed item is a revision** (rows that change nothing are skipped), with who
  imported it, because each row is saved through the model as an admin edit would be.
- **Bounded input**: a file larger than ``SPREADSHEET_MAX_UPLOAD_SIZE`` or with more than
  ``MAX_ROWS`` rows is refused before anything is read into the database.
- A key (slug or UUID) that appears twice in one file is refused: which row would win?
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from import_export import resources, widgets
from import_export.formats import base_formats
from import_export.forms import ImportForm

MAX_ROWS = 5000

# "+44 300 300 0123" and "-3" are data; "+A1*2" and "-SUM(A1)" are formulas.
_NUMBER_LIKE = re.compile(r"[+-][\d\s().]*")
_FORMULA_STARTS = ("=", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    if not isinstance(value, str) or not value:
        return False
    if value.startswith(_FORMULA_STARTS):
        return True
    return value[0] in "+-" and not _NUMBER_LIKE.fullmatch(value)


def neutralise_formula(value):
    """Text a spreadsheet would run, made into text it shows (OWASP's advice)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class FormulaSafeXLSX(base_formats.XLSX):
    """XLSX read with its formulas (``data_only=False``), so they are seen and refused."""

    def create_dataset(self, in_stream):
        from io import BytesIO

        import openpyxl
        import tablib

        book = openpyxl.load_workbook(BytesIO(in_stream), read_only=True, data_only=False)
        sheet = book.active
        dataset = tablib.Dataset()
        rows = sheet.iter_rows(values_only=True)
        dataset.headers = [str(cell) if cell is not None else "" for cell in next(rows, [])]
        for count, row in enumerate(rows, start=1):
            if count > MAX_ROWS:
                raise ValueError(f"The file has more than {MAX_ROWS} rows: split it up.")
            if all(cell is None for cell in row):
                continue
            dataset.append(list(row)[: len(dataset.headers)])
        return dataset


FORMATS = [base_formats.CSV, FormulaSafeXLSX]


class SpreadsheetImportForm(ImportForm):
    """The import form, refusing files too large to be a directory before reading them."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        limit = settings.SPREADSHEET_MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                f"This file is {filesizeformat(upload.size)}; the largest accepted is "
                f"{filesizeformat(limit)}. Split it into smaller files."
            )
        return upload


class CodesWidget(widgets.ManyToManyWidget):
    """Comma-separated codes (``ks3, ks4``) of a fixed vocabulary; an unknown one is an error
    that names it and lists the known ones, rather than being dropped."""

    def __init__(self, model, field, noun: str, **kwargs):
        self.noun = noun
        super().__init__(model, field=field, separator=",", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return self.model.objects.none()
        wanted = [part.strip() for part in str(value).split(",") if part.strip()]
        lowered = {part.lower() for part in wanted}
        found = {
            str(getattr(item, self.field)).lower(): item
            for item in self.model.objects.all()
            if str(getattr(item, self.field)).lower() in lowered
        }
        unknown = [part for part in wanted if part.lower() not in found]
        if unknown:
            known = ", ".join(
                str(value) for value in self.model.objects.values_list(self.field, flat=True)
            )
            raise ValueError(
                f"unknown {self.noun} “{unknown[0]}”: use one or more of {known}, "
                "separated by commas"
            )
        return self.model.objects.filter(pk__in=[item.pk for item in found.values()])


class SafeModelResource(resources.ModelResource):
    """A model resource with the guarantees in this module's docstring."""

    #: The column that identifies a row (no two rows of a file may share it).
    key_column = "slug"
    #: Related rows every exported row shows, fetched once for the whole export.
    export_prefetch: tuple = ()

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def import_data(self, dataset, **kwargs):
        # All or nothing, whoever calls it: a validation error in any row rolls back all.
        kwargs["rollback_on_validation_errors"] = True
        kwargs.setdefault("use_transactions", True)
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        if len(dataset) > MAX_ROWS:
            raise ValidationError(f"The file has more than {MAX_ROWS} rows: split it up.")
        self._keys_seen = {}

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        # Spreadsheet row numbers: the headings are row 1.
        number = kwargs.get("row_number", 0) + 1
        for column, value in row.items():
            if looks_like_formula(value):
                raise ValidationError(
                    f"Row {number}, column “{column}”: “{value}” would run as a spreadsheet "
                    "formula. Remove the formula, or start the text with a letter."
                )
        key = self.row_key(row)
        if key:
            first = self._keys_seen.setdefault(key, number)
            if first != number:
                raise ValidationError(
                    f"Row {number} repeats row {first} ({key}): each item may appear only "
                    "once in a file."
                )

    def row_key(self, row) -> str:
        """What makes a row the same item as another row of the file ("" for none)."""
        value = str(row.get(self.key_column) or "").strip().lower()
        return f"the same {self.key_column}, “{value}”" if value else ""

    def export(self, queryset=None, **kwargs):
        if queryset is not None and self.export_prefetch:
            queryset = queryset.prefetch_related(*self.export_prefetch)
        return super().export(queryset=queryset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Many-to-many columns are saved after the row; check them now, so a bad code is a
        # row error in the preview rather than a failure at the end.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(str(error))
        if errors:
            raise ValidationError(errors)

    def export_resource(self, instance, selected_fields=None, **kwargs):
        return [
            neutralise_formula(value)
            for value in super().export_resource(instance, selected_fields, **kwargs)
        ]

    def refuse_unless_publisher(self, instance, user, permission: str, what: str):
        """Published and archived items are read-only to editors in the admin; the same
        holds here."""
        if (
            instance.pk
            and instance.status != "draft"
            and not (user is not None and user.has_perm(permission))
        ):
            raise ValidationError(
                f"“{instance}” is {instance.get_status_display().lower()}: only a publisher "
                f"can change it. Leave this {what} out of the file, or ask a publisher."
            )
