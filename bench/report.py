"""Print the Markdown tables of saved results: `.venv/bin/python bench/report.py [files...]`.

With no arguments, every file in bench/results/. Also compares PostgreSQL's 100,000 figures
with its 10,000 figures, page by page, at concurrency 8.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import RESULTS, table  # noqa: E402


def main():
    paths = [Path(arg) for arg in sys.argv[1:]] or sorted(RESULTS.glob("*.json"))
    reports = {path.stem: json.loads(path.read_text()) for path in paths}
    for report in reports.values():
        print(table(report), end="\n\n")
    small, large = reports.get("postgresql-10000"), reports.get("postgresql-100000")
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


if __name__ == "__main__":
    main()
