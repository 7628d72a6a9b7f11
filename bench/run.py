"""Benchmark the public pages at a chosen size, against the framework's ceiling.

    .venv/bin/python bench/run.py --resources 10000
    .venv/bin/python bench/run.py --resources 100000 \
        --database-url postgres://root@127.0.0.1:5432/portal_bench

One command: a fresh database (a temporary SQLite file, or the PostgreSQL database named in
``--database-url``/``DATABASE_URL``, dropped and created again: its name must contain "bench"),
synthetic content (bench/generate.py), collectstatic, SQL queries and response sizes per page
measured in-process, then gunicorn with production settings (DEBUG off, 2 workers) serving the
portal and a bare view (a 20-row template, no database), loaded by wrk from a separate process
at each concurrency. Writes ``bench/results/<db>-<size>.json`` and prints a table.
See bench/README.md.
"""

import argparse
import json
import logging
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
# Measured in-process (queries, bytes) but not loaded, to keep a run under ten minutes: not
# among the pages the targets name.
NOT_LOADED = {"bare", "key_stage"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="postgres://... (its database is dropped and recreated). Default: temporary SQLite.",
    )
    parser.add_argument("--concurrency", default="1,8,32", help="comma-separated")
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8150, help="8100-8199")
    parser.add_argument("--only", default="", help="comma-separated page names to load")
    parser.add_argument("--out", default="", help="JSON path (default bench/results/...)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--proposed-indexes",
        action="store_true",
        help="add bench/proposed_indexes.sql (indexes proposed for the models) after loading",
    )
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and logs")
    parser.add_argument(
        "--through-cluster",
        type=int,
        default=0,
        metavar="N",
        help="load through HAProxy in front of N app servers (bench/cluster.py), 1 or 2",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL: load the database an earlier run of the same size filled, as it is",
    )
    return parser.parse_args()


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ------------------------------------------------------------------------------------------
# Database and environment
# ------------------------------------------------------------------------------------------
def prepare_database(url: str, workdir: Path) -> tuple[str, str]:
    """A fresh, empty database: returns (its URL, "sqlite" or "postgresql")."""
    if not url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}", "sqlite"
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        sys.exit(f"Only PostgreSQL or the default SQLite are supported, not {parts.scheme}.")
    name = parts.path.lstrip("/") or "portal_bench"
    if "bench" not in name:
        sys.exit(f"Refusing to drop and recreate {name!r}: use a database named like portal_bench.")
    import psycopg

    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), "postgresql"


def server_environment(database_url: str, workdir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="bench-only-" + "k" * 50,
        # The site refuses to start without it (portal/checks.py); the benchmark has no referrals.
        REFERRAL_ENCRYPTION_KEYS="YmVuY2gtb25seS1yZWZlcnJhbC1rZXktMzJieXRlcyE=",
        ALLOWED_HOSTS="127.0.0.1",
        # Production sits behind a TLS proxy; here plain HTTP on loopback must not redirect.
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(workdir / "static"),
        DATA_DIR=str(workdir / "data"),
        MEDIA_ROOT=str(workdir / "media"),
        # Request logs are kept (as in production) but written to a file, not the terminal.
        PYTHONPATH=str(ROOT),
    )
    return env


def migrations_pending(env) -> bool:
    check = subprocess.run(
        [PYTHON, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return check.returncode != 0


def build_schema(syncdb: bool):
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", run_syncdb=True, verbosity=0)
    if syncdb:
        # What resources' migrations 0002 and 0006 add besides tables: vocabulary rows, the
        # search trigger, and the search vector kept in its row.
        import importlib

        from django.apps import apps

        migration = importlib.import_module("resources.migrations.0002_seed_vocabulary_and_search")
        migration.seed_vocabulary(apps, None)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(migration.SEARCH_TRIGGER_SQL)
                inline = importlib.import_module("resources.migrations.0006_search_vector_inline")
                cursor.execute(inline.INLINE)


# ------------------------------------------------------------------------------------------
# Pages
# ------------------------------------------------------------------------------------------
def pages(facts: dict, per_page: int = 20) -> dict[str, str]:
    deep = min(200, max(1, -(-facts["published_resources"] // per_page)))
    return {
        "home": "/",
        "list": "/resources/",
        "list_filtered": f"/resources/?key_stage=ks3&topic={facts['topic_slug']}",
        "list_deep": f"/resources/?page={deep}",
        "detail": f"/resources/{facts['resource_slug']}/",
        "topic": f"/resources/topics/{facts['topic_slug']}/",
        "key_stage": "/resources/key-stages/ks3/",
        "search_common": f"/search/?q={facts['common_word']}",
        "search_rare": f"/search/?q={facts['rare_word']}",
        "help": "/help/?audience=parent&age=10&open_now=1",
        "help_all": "/help/",
        "service": f"/help/{facts['service_slug']}/",
        "bare": "/bench/bare/",
    }


def _timings(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "runs": len(ordered),
        "p50_ms": round(ordered[len(ordered) // 2], 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, round(len(ordered) * 0.95))], 1),
        "max_ms": round(ordered[-1], 1),
    }


def measure_in_process(
    urls: dict[str, str], cold_runs: int = 5, search_cold_runs: int = 20
) -> dict:
    """Per page, with Django's test client in this process:

    - SQL queries of a rendered page (the page cache off): the first request after a change
      (empty cache), then with warm content caches;
    - response sizes, plain and gzipped;
    - milliseconds for a cold start (the first request after a deploy or a content change:
      every cache empty), for a render with warm content caches (the first request of a
      minute, or a visitor with their own display settings), and from the page cache.
      Search pages get more cold runs: their uncached p95 is a target.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")

    def timed(url):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}, not 200.")
        return elapsed

    measured = {}
    for name, url in urls.items():
        counts = []
        with override_settings(PAGE_CACHE=False):
            cache.clear()
            for _ in range(2):
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                counts.append(len(queries))
            if response.status_code != 200:
                sys.exit(f"{name} ({url}) answered {response.status_code}, not 200.")
            rendered = [timed(url) for _ in range(cold_runs)]
        cold = []
        for _ in range(search_cold_runs if name.startswith("search") else cold_runs):
            cache.clear()
            cold.append(timed(url))
        timed(url)
        cached = [timed(url) for _ in range(20)]
        compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        measured[name] = {
            "url": url,
            "queries": {"first": counts[0], "warm": counts[1]},
            "bytes": len(response.content),
            "bytes_gzip": len(compressed.content),
            "gzip_served": compressed.get("Content-Encoding") == "gzip",
            "in_process": {
                "cold": _timings(cold),
                "rendered": _timings(rendered),
                "page_cache": _timings(cached),
            },
        }
    return measured


def count_results(facts: dict) -> dict:
    """How many published resources each search matches, to say what "common" means here."""
    from django.utils import timezone

    from resources.models import Resource

    return {
        word: Resource.objects.published(timezone.now()).search(word).count()
        for word in (facts["common_word"], facts["rare_word"])
    }


# ------------------------------------------------------------------------------------------
# Server and load
# ------------------------------------------------------------------------------------------
def free_port(preferred: int) -> int:
    for port in [preferred, *range(8100, 8200)]:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    sys.exit("No free port in 8100-8199.")


def start_server(env, port: int, workers: int, logfile: Path) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "portal.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--log-level=warning",
        # Same as production: the sync worker, one request at a time per process.
        "--worker-class=sync",
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=logfile.open("w"), stderr=subprocess.STDOUT
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2)
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if server.poll() is not None:
                sys.exit(f"gunicorn exited: see {logfile}")
            time.sleep(0.3)
    server.terminate()
    sys.exit(f"gunicorn did not answer within 30 s: see {logfile}")


def wrk(url: str, concurrency: int, duration: int) -> dict:
    command = [
        "wrk",
        f"--threads={min(concurrency, 2)}",
        f"--connections={concurrency}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={ROOT / 'bench' / 'report.lua'}",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"^BENCH_JSON (.*)$", output, re.MULTILINE)
    if not match:
        sys.exit(f"wrk gave no figures:\n{output}")
    raw = json.loads(match.group(1))
    seconds = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["latency_us"]["p50"] / 1000, 2),
        "p95_ms": round(raw["latency_us"]["p95"] / 1000, 2),
        "p99_ms": round(raw["latency_us"]["p99"] / 1000, 2),
        "max_ms": round(raw["latency_us"]["max"] / 1000, 2),
        "errors": sum(raw["errors"].values()),
        "error_detail": raw["errors"],
    }


def check_static(base: str, html: str) -> dict:
    """The stylesheet the pages link to: hashed name, compressed, cached for a year."""
    match = re.search(r'href="(/static/[^"]+\.css)"', html)
    if not match:
        return {"found": False}
    request = urllib.request.Request(base + match.group(1), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        headers = dict(response.headers)
        body = response.read()
    return {
        "found": True,
        "path": match.group(1),
        "hashed_name": bool(re.search(r"\.[0-9a-f]{12}\.css$", match.group(1))),
        "content_encoding": headers.get("Content-Encoding", ""),
        "cache_control": headers.get("Cache-Control", ""),
        "bytes_sent": len(body),
    }


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("wrk is missing: installing Debian's package (apt-get install -y wrk)")
    result = subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True, text=True)
    if result.returncode != 0 or not shutil.which("wrk"):
        sys.exit("wrk is needed: install it with `sudo apt-get install -y wrk` and run again.")


# ------------------------------------------------------------------------------------------
def main():
    args = parse_args()
    load_before = os.getloadavg()
    ensure_wrk()
    concurrencies = [int(value) for value in args.concurrency.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    facts_file = Path(tempfile.gettempdir()) / (
        f"portal-bench-facts-{urlsplit(args.database_url).path.strip('/')}-{args.resources}.json"
    )
    reuse = args.reuse and args.database_url and facts_file.exists()
    if reuse:
        database_url, vendor = args.database_url, "postgresql"
    else:
        database_url, vendor = prepare_database(args.database_url, workdir)
    env = server_environment(database_url, workdir)
    syncdb = migrations_pending(env)
    if syncdb:
        env["BENCH_SCHEMA"] = "syncdb"
        log("models are ahead of their migrations: building tables from the models")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    # The server keeps production's request log; this process's own requests need none.
    logging.getLogger("portal.requests").setLevel(logging.WARNING)
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import generate

    if reuse:
        # The code may be newer than the database: bring its schema up to date, keep the rows.
        call_command("migrate", verbosity=0)
        saved = json.loads(facts_file.read_text())
        facts, generation_seconds = saved["facts"], saved["generation_seconds"]
        log(f"reusing {database_url}, filled earlier: {facts}")
    else:
        build_schema(syncdb)
        log(f"generating {args.resources} resources into {vendor}")
        started = time.time()
        facts = generate(args.resources, seed=args.seed)
        generation_seconds = round(time.time() - started, 1)
        if vendor == "postgresql":
            facts_file.write_text(
                json.dumps({"facts": facts, "generation_seconds": generation_seconds})
            )
    if args.proposed_indexes and vendor == "postgresql" and not reuse:
        # PostgreSQL only: SQLite cannot index NULLS LAST (see bench/proposed_indexes.sql).
        with connection.cursor() as cursor:
            cursor.execute((ROOT / "bench" / "proposed_indexes.sql").read_text())
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if not reuse:
        log(f"generated in {generation_seconds} s: {facts}")
    call_command("collectstatic", interactive=False, verbosity=0)
    urls = pages(facts)
    measured = measure_in_process(urls)
    matches = count_results(facts)
    connection.close()
    # The server starts with every cache empty (Redis too, when REDIS_URL is set), so each
    # page's first request below is a cold start: a fresh deploy.
    from django.core.cache import cache

    cache.clear()

    if args.through_cluster:
        from bench.cluster import start_cluster

        server = start_cluster(env, args.through_cluster, args.workers, workdir)
        base = server.url
    else:
        port = free_port(args.port)
        base = f"http://127.0.0.1:{port}"
        logfile = workdir / "gunicorn.log"
        server = start_server(env, port, args.workers, logfile)
    load: dict[str, dict] = {name: {} for name in urls}
    try:
        for name, url in urls.items():
            started = time.perf_counter()
            with urllib.request.urlopen(base + url) as response:
                response.read()
                if response.status != 200:
                    sys.exit(f"{name} answered {response.status} from gunicorn")
            first_ms = round((time.perf_counter() - started) * 1000, 1)
            measured[name]["first_request_after_start_ms"] = first_ms
        with urllib.request.urlopen(base + "/") as response:
            static = check_static(base, response.read().decode())
        # The bare view first and last: the difference shows how steady the machine was.
        order = ["bare", *[name for name in urls if name not in NOT_LOADED], "bare"]
        if args.only:
            order = ["bare", *args.only.split(","), "bare"]
        for position, name in enumerate(order):
            if args.warmup:
                wrk(base + urls[name], 8, args.warmup)
            for concurrency in concurrencies:
                result = wrk(base + urls[name], concurrency, args.duration)
                key = str(concurrency)
                if name == "bare" and position > 0:
                    load["bare_end"] = load.get("bare_end", {})
                    load["bare_end"][key] = result
                else:
                    load[name][key] = result
                log(
                    f"{name:14} c={concurrency:<3} {result['rps']:8.1f} req/s  "
                    f"p50 {result['p50_ms']:6.1f} ms  p95 {result['p95_ms']:6.1f} ms  "
                    f"errors {result['errors']}"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)

    bare = {}
    for key in map(str, concurrencies):
        runs = [load["bare"][key]["rps"]] + (
            [load["bare_end"][key]["rps"]] if key in load.get("bare_end", {}) else []
        )
        bare[key] = sum(runs) / len(runs)
    for name in urls:
        for key, result in load[name].items():
            result["ratio_to_bare"] = round(result["rps"] / bare[key], 3)
        measured[name]["load"] = load[name]
    report = {
        "database": vendor,
        "resources": args.resources,
        "schema": "tables from models (migrations pending)" if syncdb else "migrations",
        "proposed_indexes": args.proposed_indexes and vendor == "postgresql",
        "reused_database": bool(reuse),
        "facts": facts,
        "search_matches": matches,
        "generation_seconds": generation_seconds,
        "duration_seconds": args.duration,
        "concurrency": concurrencies,
        "gunicorn_workers": args.workers,
        "through_cluster": args.through_cluster,
        "cache": "redis (shared)" if env.get("REDIS_URL") else "process memory (per worker)",
        "page_cache": env.get("PAGE_CACHE", "1") != "0",
        "bare_rps_mean": bare,
        "bare_end": load.get("bare_end", {}),
        "pages": measured,
        "static": static,
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "python": platform.python_version(),
            "cpu": _cpu_model(),
            "load_average_before": load_before,
            "load_average_after": os.getloadavg(),
            "note": "2 shared cores: other work on the machine makes the figures noisy",
        },
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }
    cluster = f"-cluster{args.through_cluster}" if args.through_cluster else ""
    out = Path(args.out) if args.out else RESULTS / f"{vendor}-{args.resources}{cluster}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(table(report))
    log(f"wrote {out}")
    if vendor == "sqlite" and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    errors = sum(r["errors"] for page in measured.values() for r in page["load"].values())
    if errors:
        sys.exit(f"{errors} errors under load")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def steadiness(report: dict, concurrency: str = "8") -> str:
    """The bare view at the start and at the end of the run: how steady the machine was."""
    start = report["pages"]["bare"]["load"].get(concurrency, {}).get("rps")
    end = report.get("bare_end", {}).get(concurrency, {}).get("rps")
    machine = report.get("machine", {})
    load = machine.get("load_average_before")
    parts = [f"bare view {start:.0f} req/s at the start and {end:.0f} at the end"]
    if start and end:
        parts[0] += f" ({abs(end - start) / max(start, end):.0%} apart)"
    if load:
        parts.append(
            f"load average {load[0]:.1f} before and {machine['load_average_after'][0]:.1f} after"
        )
    return f"Machine: {machine.get('cpus')} CPUs ({machine.get('cpu', '?')}), " + "; ".join(parts)


def table(report: dict, concurrency: str = "8") -> str:
    """A Markdown table of the figures at one concurrency (8 by default).

    "deploy ms" is each page's first request to the freshly started gunicorn (a cold process
    and empty caches: a deploy). "cold ms" is the first request after a content change (every
    cache empty) and "rendered ms" a render with warm content caches (the first request of a
    minute), both in-process, one request at a time (medians; p95 for search pages, whose
    uncached p95 is a target).
    """
    lines = [
        f"{report['database']}, {report['resources']:,} resources, concurrency {concurrency}, "
        f"{report['gunicorn_workers']} gunicorn workers, {report['duration_seconds']} s per run"
        + (
            f", through HAProxy to {report['through_cluster']} app server(s)"
            if report.get("through_cluster")
            else ""
        )
        + (f", cache in {report['cache']}" if "cache" in report else ""),
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | vs bare | errors | queries | KB | KB gzip "
        "| deploy ms | cold ms | rendered ms |",
        "| --- " + "| ---: " * 12 + "|",
    ]
    for name, page in report["pages"].items():
        result = page["load"].get(concurrency)
        if not result:
            continue
        queries = page["queries"]
        query_text = (
            str(queries["warm"])
            if queries["first"] == queries["warm"]
            else f"{queries['warm']} ({queries['first']} cold)"
        )
        timings = page.get("in_process")
        if timings:
            statistic = "p95_ms" if name.startswith("search") else "p50_ms"
            cold = f"{timings['cold'][statistic]:.0f}"
            rendered = f"{timings['rendered']['p50_ms']:.0f}"
            if statistic == "p95_ms":
                cold += " (p95)"
        else:
            cold = rendered = "–"
        deploy = page.get("first_request_after_start_ms")
        deploy = f"{deploy:.0f}" if deploy is not None else "–"
        lines.append(
            f"| {name} | {result['rps']:.0f} | {result['p50_ms']:.1f} | {result['p95_ms']:.1f} "
            f"| {result['p99_ms']:.1f} | {result['ratio_to_bare']:.0%} | {result['errors']} "
            f"| {query_text} | {page['bytes'] / 1024:.1f} | {page['bytes_gzip'] / 1024:.1f} "
            f"| {deploy} | {cold} | {rendered} |"
        )
    if report.get("bare_end"):
        lines += ["", steadiness(report, concurrency)]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
