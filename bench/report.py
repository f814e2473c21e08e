"""Print the table of every result in bench/results/*.json (what `make bench` ends with)."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    files = sorted(RESULTS.glob("*.json"))
    if not files:
        raise SystemExit("no results in bench/results/: run `make bench` first")
    print(f"{'benchmark':<62} {'database':<18} {'median':>12} {'p95':>10} {'runs':>5}")
    for path in files:
        document = json.loads(path.read_text())
        for entry in document["figures"]:
            if "median_ms" in entry:
                median = f"{entry['median_ms']:.2f} ms"
                tail = f"{entry['p95_ms']:.2f} ms"
                runs = str(entry["runs"])
            else:
                median = f"{entry['per_second']:,.0f}/s"
                tail, runs = f"{entry['seconds']:.0f} s", "1"
            print(f"{entry['name'][:62]:<62} {document['database'][:18]:<18} "
                  f"{median:>12} {tail:>10} {runs:>5}")  # fmt: skip
        data = ", ".join(f"{k} {v}" for k, v in document["data"].items())
        print(f"  ({path.name}: {data}; {document['machine']['cpus']} CPUs)")


if __name__ == "__main__":
    main()
