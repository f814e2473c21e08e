"""Fail when a .po catalogue has an untranslated or fuzzy entry, or mismatched placeholders."""

import re
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
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s) in {len(paths)} catalogue(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
