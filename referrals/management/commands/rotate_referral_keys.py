from django.core.management.base import BaseCommand
from django.db import connection, transaction

from referrals.encryption import is_encrypted_with_newest_key, keys_problem, reencrypt
from referrals.referral_models import Referral

BATCH = 200


def encrypted_tables():
    """(model, primary key column, encrypted columns) for referrals and their history."""
    columns = [field.column for field in Referral.encrypted_fields()]
    history = Referral.history.model
    return [
        (Referral, Referral._meta.pk.column, columns),
        (history, history._meta.pk.column, columns),
    ]


def rotate_table(model, pk_column, columns) -> tuple[int, int]:
    """Re-encrypt every value not already under the newest key; (rows changed, rows seen)."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    select = (
        f"SELECT {quote(pk_column)}, {', '.join(quote(column) for column in columns)} "
        f"FROM {table} WHERE {quote(pk_column)} > %s ORDER BY {quote(pk_column)} LIMIT {BATCH}"
    )
    changed = seen = 0
    last = -1
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(select, [last])
            rows = cursor.fetchall()
            for pk, *tokens in rows:
                updates = {
                    column: reencrypt(token)
                    for column, token in zip(columns, tokens, strict=True)
                    if token is not None and not is_encrypted_with_newest_key(token)
                }
                if updates:
                    assignments = ", ".join(f"{quote(column)} = %s" for column in updates)
                    cursor.execute(
                        f"UPDATE {table} SET {assignments} WHERE {quote(pk_column)} = %s",
                        [*updates.values(), pk],
                    )
                    changed += 1
            seen += len(rows)
        if len(rows) < BATCH:
            return changed, seen
        last = rows[-1][0]


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored referral (and its history) with the newest key, the first in "
        "REFERRAL_ENCRYPTION_KEYS. Run after putting a new key first; once it reports nothing "
        "left to change, the old keys can be removed. Safe to run again and to interrupt."
    )

    def handle(self, *args, **options):
        if problem := keys_problem():
            self.stderr.write(problem)
            raise SystemExit(1)
        total_changed = total_seen = 0
        for model, pk_column, columns in encrypted_tables():
            changed, seen = rotate_table(model, pk_column, columns)
            total_changed += changed
            total_seen += seen
        self.stdout.write(
            f"Re-encrypted {total_changed} of {total_seen} referral rows (history included) "
            "with the newest key; the others already used it."
        )
