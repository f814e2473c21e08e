"""Fill empty msgstr entries of a .po file from a Python mapping file (VI, PLURAL dicts).

Usage: python scripts/apply_translations.py locale/vi/LC_MESSAGES/django.po mapping.py
Existing translations are kept; only empty or fuzzy entries are filled.
"""

import runpy
import sys

import polib


def main(po_path: str, mapping_path: str) -> int:
    mapping = runpy.run_path(mapping_path)
    singular, plural = mapping.get("VI", {}), mapping.get("PLURAL", {})
    po = polib.pofile(po_path)
    filled = 0
    for entry in po:
        if entry.msgid_plural:
            if entry.msgid in plural and (not entry.msgstr_plural.get(0) or entry.fuzzy):
                entry.msgstr_plural = dict(enumerate(plural[entry.msgid]))
                filled += 1
        elif entry.msgid in singular and (not entry.msgstr or entry.fuzzy):
            entry.msgstr = singular[entry.msgid]
            filled += 1
        if entry.fuzzy and (entry.msgstr or entry.msgstr_plural.get(0)):
            entry.flags.remove("fuzzy")
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Language"] = "vi"
    po.save()
    print(f"filled {filled} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
