"""Fail when a .po catalogue has an untranslated or fuzzy entry, mismatched placeholders, or
anything GNU msgfmt refuses (what `compilemessages` runs: a catalogue it cannot compile would
break `make setup`)."""

import re
import shutil
import subprocess
import sys

import polib

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def main(paths: list[str]) -> int:
    problems: list[str] = []
    for path in paths:
        for entry in polib.pofile(path):
            if entry.obsolete:
                continue
            translations = (
                list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            )
            if entry.fuzzy or not all(translations):
                problems.append(f"{path}: untranslated or fuzzy: {entry.msgid!r}")
                continue
            expected = set(PLACEHOLDER.findall(entry.msgid))
            for text in translations:
                if set(PLACEHOLDER.findall(text)) != expected:
                    problems.append(f"{path}: placeholders differ: {entry.msgid!r}")
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            problems.append("msgfmt (gettext) is missing: run `make setup`")
            continue
        # S603: a fixed executable on the catalogue named on our own command line.
        done = subprocess.run(  # noqa: S603
            [msgfmt, "--check-format", "-o", "/dev/null", path],
            check=False,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            problems.extend(f"msgfmt: {line}" for line in done.stderr.splitlines() if line)
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s) in {len(paths)} catalogue(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
