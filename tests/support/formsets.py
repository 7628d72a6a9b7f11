"""What an admin change form posts for its inlines, so a test can post one without copying the
management fields into every form dictionary."""


def empty_inlines(*prefixes: str) -> dict[str, str]:
    """The management data of inline formsets that have no rows, one per ``prefix``
    ("sessions", "exceptions", "alerts"...), as the admin's change form posts them."""
    return {
        f"{prefix}-{field}": value
        for prefix in prefixes
        for field, value in (
            ("TOTAL_FORMS", "0"),
            ("INITIAL_FORMS", "0"),
            ("MIN_NUM_FORMS", "0"),
            ("MAX_NUM_FORMS", "1000"),
        )
    }


def inline_row(prefix: str, index: int, obj=None, **fields) -> dict[str, str]:
    """Row ``index`` of the ``prefix`` inline: its fields, and its id when it edits ``obj``."""
    row = {f"{prefix}-{index}-{name}": value for name, value in fields.items()}
    if obj is not None:
        row[f"{prefix}-{index}-id"] = str(obj.pk)
    return row
