"""Print the figures the reliability tests recorded (var/hard-figures.jsonl) as one table.

Each line is one call of the `hard_figures` fixture: the test, and counts such as cases run,
faults injected and losses observed. The table sums them per test, then in total.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def main(path: str) -> int:
    source = Path(path)
    if not source.exists():
        print(f"no figures recorded ({source} is missing)")
        return 0
    per_test: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for line in source.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        test = row.pop("test")
        for key in ("hard", "pid"):
            row.pop(key, None)
        for key, value in row.items():
            per_test[test][key] += int(value)
    columns = sorted({key for figures in per_test.values() for key in figures})
    width = max(len(test) for test in per_test)
    print("\n== Reliability figures ==")
    print(f"{'test':<{width}}  " + "  ".join(f"{c:>10}" for c in columns))
    totals: dict[str, int] = defaultdict(int)
    for test in sorted(per_test):
        figures = per_test[test]
        print(f"{test:<{width}}  " + "  ".join(f"{figures.get(c, 0):>10}" for c in columns))
        for column in columns:
            totals[column] += figures.get(column, 0)
    print(f"{'total':<{width}}  " + "  ".join(f"{totals[c]:>10}" for c in columns))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "var/hard-figures.jsonl"))
