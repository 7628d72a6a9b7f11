"""Profile one page in-process with pyinstrument, against a database the benchmark filled.

    .venv/bin/python bench/profile.py /resources/ \
        --database-url postgres://root@127.0.0.1:5432/portal_bench [--requests 50] [--sql]

Needs ``pip install pyinstrument``. Runs the page once to warm caches, then ``--requests``
times under the profiler, and prints the profile (and with ``--sql``, each query's time).
"""

import argparse
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--sql", action="store_true", help="list the queries and their times")
    args = parser.parse_args()
    if not args.database_url:
        sys.exit("Give --database-url (the benchmark's database).")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=args.database_url,
        SECRET_KEY="bench-only-" + "k" * 50,
        # The site refuses to start without it (portal/checks.py); the benchmark has no referrals.
        REFERRAL_ENCRYPTION_KEYS="YmVuY2gtb25seS1yZWZlcnJhbC1rZXktMzJieXRlcyE=",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATA_DIR="/tmp/portal-bench-profile",
        BENCH_PROFILE="1",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    logging.getLogger("portal.requests").setLevel(logging.WARNING)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    client = Client(HTTP_HOST="127.0.0.1")
    response = client.get(args.url)
    print(f"status {response.status_code}, {len(response.content)} bytes")
    with CaptureQueriesContext(connection) as queries:
        client.get(args.url)
    if args.sql:
        for query in queries:
            print(f"{float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
    print(f"{len(queries)} queries with warm caches")
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for _ in range(args.requests):
            client.get(args.url)
    elapsed = (time.perf_counter() - started) / args.requests * 1000
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"{elapsed:.1f} ms per request (in-process, profiled)")


if __name__ == "__main__":
    main()
