"""Date arithmetic the database does, the same way on PostgreSQL and SQLite.

Django adds a ``timedelta`` to a date column as a timestamp on SQLite and as a date on
PostgreSQL; these functions always give a date, so a due date compares with a date.
"""

from django.db.models import DateField, Func


class AddDays(Func):
    """``expression`` plus a fixed number of whole days, as a date."""

    output_field = DateField()

    def __init__(self, expression, days: int, **extra):
        self.days = int(days)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + {self.days})", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '{self.days:+d} days')", params


class AddYears(Func):
    """``expression`` plus whole years, as a date (29 February becomes 28 February on
    PostgreSQL and 1 March on SQLite: a day either way does not matter for a review)."""

    output_field = DateField()

    def __init__(self, expression, years: int, **extra):
        self.years = int(years)
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + interval '{self.years} years')::date", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, '{self.years:+d} years')", params
