"""Fill empty or fuzzy msgstr entries of a .po file from Python mapping files (VI, PLURAL dicts).

Usage: python scripts/apply_translations.py locale/vi/LC_MESSAGES/django.po mapping.py [...]
Existing translations are kept. Only entries found in a mapping are filled, and only those lose
their fuzzy flag: a fuzzy guess of makemessages that no mapping replaces stays fuzzy, so
`make messages` reports it instead of shipping another message's translation.
PLURAL keys are the singular msgid, or a (singular, plural) tuple.
"""

import runpy
import sys

import polib


def main(po_path: str, mapping_paths: list[str]) -> int:
    singular: dict[str, str] = {}
    plural: dict[str, list[str]] = {}
    for mapping_path in mapping_paths:
        mapping = runpy.run_path(mapping_path)
        singular.update(mapping.get("VI", {}))
        for key, forms in mapping.get("PLURAL", {}).items():
            plural[key[0] if isinstance(key, tuple) else key] = forms
    po = polib.pofile(po_path)
    filled = 0
    for entry in po:
        if entry.msgid_plural:
            if entry.msgid in plural and (not entry.msgstr_plural.get(0) or entry.fuzzy):
                entry.msgstr_plural = dict(enumerate(plural[entry.msgid]))
                filled += 1
                if entry.fuzzy:
                    entry.flags.remove("fuzzy")
        elif entry.msgid in singular and (not entry.msgstr or entry.fuzzy):
            entry.msgstr = singular[entry.msgid]
            filled += 1
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Language"] = "vi"
    po.save()
    print(f"filled {filled} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
