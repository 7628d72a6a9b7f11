"""Compare two library sizes page by page, interleaved, so the machine's load falls on both.

    .venv/bin/python bench/compare_sizes.py \
        --small postgres://root@127.0.0.1:5432/portal_bench10k:10000 \
        --large postgres://root@127.0.0.1:5432/portal_bench100k:100000

Each database must have been filled by an earlier ``bench/run.py`` of that size (its facts file
is reused, nothing is generated). Two gunicorn servers run side by side, one per database; for
each page wrk loads them in turn, small then large, then large then small, for ``--rounds``
rounds, and the median of each size's runs is compared. On a shared machine, runs minutes apart
differ by more than the size does (the bare view alone moved 76% between two runs); runs
seconds apart, in alternating order, see the same machine. Writes
``bench/results/<db>-compare-<small>-<large>.json`` and a table.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402
    NOT_LOADED,
    PYTHON,
    RESULTS,
    _cpu_model,
    ensure_wrk,
    free_port,
    log,
    pages,
    server_environment,
    start_server,
    wrk,
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", required=True, help="DATABASE_URL:resources")
    parser.add_argument("--large", required=True, help="DATABASE_URL:resources")
    parser.add_argument("--rounds", type=int, default=4, help="runs per size and page (even)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per run")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated page names")
    return parser.parse_args()


def size_spec(spec: str) -> tuple[str, int]:
    url, _, resources = spec.rpartition(":")
    facts_file = Path(tempfile.gettempdir()) / (
        f"portal-bench-facts-{urlsplit(url).path.strip('/')}-{resources}.json"
    )
    if not facts_file.exists():
        sys.exit(f"No {facts_file}: fill {url} first with bench/run.py --resources {resources}.")
    return url, int(resources), json.loads(facts_file.read_text())["facts"]


def main():
    args = parse_args()
    ensure_wrk()
    load_before = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-compare-"))
    sizes = {}
    servers = []
    try:
        for label, spec in (("small", args.small), ("large", args.large)):
            url, resources, facts = size_spec(spec)
            env = server_environment(url, workdir / label)
            env.setdefault("PAGE_CACHE", "1")
            if env.get("REDIS_URL"):
                # One Redis database per server: both serve the same addresses.
                base_url = env["REDIS_URL"].rsplit("/", 1)[0]
                env["REDIS_URL"] = f"{base_url}/{8 if label == 'small' else 9}"
                subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "flushdb"], check=False)
            subprocess.run(
                [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
            port = free_port(8160 if label == "small" else 8170)
            logfile = workdir / f"gunicorn-{label}.log"
            (workdir / label).mkdir(parents=True, exist_ok=True)
            servers.append(start_server(env, port, args.workers, logfile))
            sizes[label] = {
                "database_url": url,
                "resources": resources,
                "base": f"http://127.0.0.1:{port}",
                "urls": pages(facts),
            }
            log(f"{label}: {resources} resources on port {port}")

        # The bare view too: it shows how far the machine alone moved between the two sizes.
        names = ["bare", *(name for name in sizes["small"]["urls"] if name not in NOT_LOADED)]
        if args.only:
            names = ["bare", *args.only.split(",")]
        results = {name: {"small": [], "large": []} for name in names}
        for name in names:
            for label in ("small", "large"):  # warm both: the first request renders
                wrk(sizes[label]["base"] + sizes[label]["urls"][name], args.concurrency, 2)
            for round_number in range(args.rounds):
                order = ("small", "large") if round_number % 2 == 0 else ("large", "small")
                for label in order:
                    url = sizes[label]["base"] + sizes[label]["urls"][name]
                    results[name][label].append(wrk(url, args.concurrency, args.duration))
            summary = summarise(results[name])
            log(
                f"{name:14} {summary['small']['rps']:8.0f} vs {summary['large']['rps']:8.0f}"
                f" req/s ({summary['change']:+.0%}), p95 {summary['small']['p95_ms']:.1f}"
                f" vs {summary['large']['p95_ms']:.1f} ms"
            )
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)

    report = {
        "sizes": {
            label: {"resources": size["resources"], "database": "postgresql"}
            for label, size in sizes.items()
        },
        "rounds": args.rounds,
        "duration_seconds": args.duration,
        "concurrency": args.concurrency,
        "gunicorn_workers": args.workers,
        "pages": {name: {"runs": runs, **summarise(runs)} for name, runs in results.items()},
        "machine": {
            "cpus": os.cpu_count(),
            "cpu": _cpu_model(),
            "load_average_before": load_before,
            "load_average_after": os.getloadavg(),
        },
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }
    small, large = sizes["small"]["resources"], sizes["large"]["resources"]
    out = RESULTS / f"postgresql-compare-{small}-{large}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(table(report))
    log(f"wrote {out}")


def summarise(runs: dict) -> dict:
    """Each size's median requests/s and p95 over its runs, and the large size's change."""
    summary = {
        label: {
            "rps": statistics.median(run["rps"] for run in label_runs),
            "p95_ms": statistics.median(run["p95_ms"] for run in label_runs),
            "errors": sum(run["errors"] for run in label_runs),
        }
        for label, label_runs in runs.items()
    }
    summary["change"] = summary["large"]["rps"] / summary["small"]["rps"] - 1
    return summary


def table(report: dict) -> str:
    small = report["sizes"]["small"]["resources"]
    large = report["sizes"]["large"]["resources"]
    lines = [
        f"{small:,} against {large:,} resources, interleaved: {report['rounds']} runs of"
        f" {report['duration_seconds']} s each per size and page, concurrency"
        f" {report['concurrency']}, medians",
        "",
        f"| page | req/s at {small:,} | req/s at {large:,} | change | p95 ms at {small:,}"
        f" | p95 ms at {large:,} | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, page in report["pages"].items():
        lines.append(
            f"| {name} | {page['small']['rps']:.0f} | {page['large']['rps']:.0f}"
            f" | {page['change']:+.0%} | {page['small']['p95_ms']:.1f}"
            f" | {page['large']['p95_ms']:.1f}"
            f" | {page['small']['errors'] + page['large']['errors']} |"
        )
    within = [name for name, page in report["pages"].items() if abs(page["change"]) <= 0.2]
    lines += ["", f"Within 20%: {len(within)} of {len(report['pages'])} pages."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
