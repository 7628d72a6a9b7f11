import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_postgresql_never_jit_compiles_the_sites_queries():
    # JIT compiling the help page's open-now filter cost more than running it (portal/settings.py).
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
