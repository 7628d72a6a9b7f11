"""Print the Markdown tables of saved results: `.venv/bin/python bench/report.py [files...]`.

With no arguments, every file in bench/results/. Also compares PostgreSQL's 100,000 figures
with its 10,000 figures, page by page, at concurrency 8.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.compare_sizes import table as compare_table  # noqa: E402
from bench.run import RESULTS, table  # noqa: E402


def main():
    paths = [Path(arg) for arg in sys.argv[1:]] or sorted(RESULTS.glob("*.json"))
    reports = {path.stem: json.loads(path.read_text()) for path in paths}
    for report in reports.values():
        print(compare_table(report) if "sizes" in report else table(report), end="\n\n")
    small, large = reports.get("postgresql-10000"), reports.get("postgresql-100000")
    print(targets(reports), end="\n\n")
    if small and large:
        print("| page | req/s at 10,000 | req/s at 100,000 | change | ratio to bare, 10k → 100k |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name, page in small["pages"].items():
            before, after = page["load"].get("8"), large["pages"][name]["load"].get("8")
            if before and after:
                print(
                    f"| {name} | {before['rps']:.0f} | {after['rps']:.0f} "
                    f"| {after['rps'] / before['rps'] - 1:+.0%} "
                    f"| {before['ratio_to_bare']:.0%} → {after['ratio_to_bare']:.0%} |"
                )


def targets(reports: dict, concurrency: str = "8") -> str:
    """Issue 12's targets, run by run: which pages meet them and which do not."""
    lines = ["Targets at concurrency 8 (>= 35% of the bare view, p95 < 50 ms, no errors):", ""]
    for name, report in reports.items():
        if "sizes" in report:  # an interleaved comparison: below
            continue
        missed = []
        for page_name, page in report["pages"].items():
            result = page["load"].get(concurrency)
            if not result or page_name == "bare":
                continue
            if result["ratio_to_bare"] < 0.35:
                missed.append(f"{page_name} at {result['ratio_to_bare']:.0%} of bare")
            if result["p95_ms"] >= 50:
                missed.append(f"{page_name} p95 {result['p95_ms']:.0f} ms")
            if result["errors"]:
                missed.append(f"{page_name} {result['errors']} errors")
        lines.append(f"- {name}: " + ("all met" if not missed else "not met: " + "; ".join(missed)))
    small, large = reports.get("postgresql-10000"), reports.get("postgresql-100000")
    if small and large:
        apart = []
        for page_name, page in small["pages"].items():
            if page_name == "bare":  # the machine, not a page of the site: its change shows noise
                continue
            before = page["load"].get(concurrency)
            after = large["pages"].get(page_name, {}).get("load", {}).get(concurrency)
            if before and after and abs(after["rps"] / before["rps"] - 1) > 0.2:
                apart.append(f"{page_name} {after['rps'] / before['rps'] - 1:+.0%}")
        lines.append(
            "- 100,000 within 20% of 10,000, separate runs: "
            + ("every page" if not apart else "not for " + ", ".join(apart))
        )
    compared = reports.get("postgresql-compare-10000-100000")
    if compared:
        apart = [
            f"{name} {page['change']:+.0%}"
            for name, page in compared["pages"].items()
            if name != "bare" and abs(page["change"]) > 0.2
        ]
        lines.append(
            "- 100,000 within 20% of 10,000, interleaved (bench/compare_sizes.py): "
            + ("every page" if not apart else "not for " + ", ".join(apart))
        )
    if small and large:
        search = large["pages"].get("search_common", {})
        cold = search.get("in_process", {}).get("cold")
        cached = search.get("load", {}).get(concurrency)
        if cold and cached:
            lines.append(
                f"- common-word search at 100,000: uncached p95 {cold['p95_ms']:.0f} ms "
                f"({cold['runs']} requests one at a time, every cache empty), cached p95 "
                f"{cached['p95_ms']:.0f} ms at concurrency {concurrency}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
