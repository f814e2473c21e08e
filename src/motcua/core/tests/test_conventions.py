"""House conventions (STYLE.md §6), checked by walking the source's syntax trees.

Each rule is a function over one file's source, so the tests below also prove that each rule
catches a violation (a check that cannot fail is worth nothing).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2]  # src/motcua
SKIPPED_PARTS = {"migrations", "tests"}
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}
POSITIONAL_PLACEHOLDER = re.compile(r"%[sdif]|\{\}")
# Kernel modules that are services in all but name (they write their own app's rows).
# search.py is a selector module of its own (catalog search is large enough to stand apart).
MODEL_ACCESS_ALLOWED = {
    "services.py", "selectors.py", "search.py", "audit.py", "calendar.py", "retention.py",
}  # fmt: skip


def python_files() -> Iterator[Path]:
    for path in sorted(SRC.rglob("*.py")):
        if not SKIPPED_PARTS.intersection(path.relative_to(SRC).parts):
            yield path


def app_of(path: Path) -> str:
    return path.relative_to(SRC).parts[0]


def module_role(path: Path) -> str:
    """`services.py` for services.py and for any module of a `services/` package (same for
    selectors), so a module that grew past ~400 lines can become a package (STYLE.md §3)."""
    if path.parent.name in {"services", "selectors"}:
        return f"{path.parent.name}.py"
    return path.name


def model_owners() -> dict[str, str]:
    """Model class name → the app that defines it."""
    owners: dict[str, str] = {}
    for models_py in SRC.glob("*/models.py"):
        for node in ast.parse(models_py.read_text()).body:
            if isinstance(node, ast.ClassDef):
                owners[node.name] = models_py.parent.name
    return owners


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def status_set_outside_services(source: str, filename: str) -> list[int]:
    if filename == "services.py":
        return []
    lines = []
    for node in ast.walk(ast.parse(source)):
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        lines += [t.lineno for t in targets if isinstance(t, ast.Attribute) and t.attr == "status"]
    return lines


def foreign_model_access(source: str, filename: str, app: str, owners: dict[str, str]) -> list[int]:
    """`Model.objects` outside the owning app's services and selectors."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "objects"
            and isinstance(node.value, ast.Name)
            and node.value.id in owners
            and (owners[node.value.id] != app or filename not in MODEL_ACCESS_ALLOWED)
        ):
            lines.append(node.lineno)
    return lines


def enqueue_outside_on_commit(source: str, filename: str) -> list[int]:
    if filename != "services.py":
        return []
    tree = ast.parse(source)
    parents = _parents(tree)
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "enqueue":
            ancestor: ast.AST | None = parents.get(node)
            inside = False
            while ancestor is not None:
                if isinstance(ancestor, ast.Call) and (
                    (isinstance(ancestor.func, ast.Attribute) and ancestor.func.attr == "on_commit")
                    or (isinstance(ancestor.func, ast.Name) and ancestor.func.id == "on_commit")
                ):
                    inside = True
                    break
                ancestor = parents.get(ancestor)
            if not inside:
                lines.append(node.lineno)
    return lines


def positional_placeholders(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in GETTEXT_NAMES
        ):
            for arg in node.args:
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and POSITIONAL_PLACEHOLDER.search(arg.value)
                ):
                    lines.append(node.lineno)
    return lines


# --- the rules on the real code ------------------------------------------------------------


def test_status_is_set_only_in_services() -> None:
    bad = {
        str(p): lines
        for p in python_files()
        if (lines := status_set_outside_services(p.read_text(), module_role(p)))
    }
    assert bad == {}


def test_models_are_queried_only_by_their_own_apps_services_and_selectors() -> None:
    owners = model_owners()
    bad = {
        str(p): lines
        for p in python_files()
        if (lines := foreign_model_access(p.read_text(), module_role(p), app_of(p), owners))
    }
    assert bad == {}


def test_services_enqueue_only_on_commit() -> None:
    bad = {
        str(p): lines
        for p in python_files()
        if (lines := enqueue_outside_on_commit(p.read_text(), module_role(p)))
    }
    assert bad == {}


def test_translated_strings_use_named_placeholders() -> None:
    bad = {
        str(p): lines for p in python_files() if (lines := positional_placeholders(p.read_text()))
    }
    assert bad == {}


# --- each rule catches what it should ------------------------------------------------------


@pytest.mark.parametrize(
    "source", ["dossier.status = 'x'\n", "self.status: str = 'x'\n", "d.status += 'y'\n"]
)
def test_status_rule_catches_assignment_in_a_view(source: str) -> None:
    assert status_set_outside_services(source, "views.py") == [1]
    assert status_set_outside_services(source, "services.py") == []


def test_model_rule_catches_a_view_and_another_apps_service() -> None:
    owners = {"Agency": "organisation"}
    source = "Agency.objects.all()\n"
    assert foreign_model_access(source, "views.py", "organisation", owners) == [1]
    assert foreign_model_access(source, "services.py", "accounts", owners) == [1]
    assert foreign_model_access(source, "selectors.py", "organisation", owners) == []


def test_enqueue_rule_catches_an_enqueue_in_the_transaction() -> None:
    bad = "def s():\n    tasks.notify.enqueue(event_id=1)\n"
    good = "def s():\n    transaction.on_commit(partial(tasks.notify.enqueue, event_id=1))\n"
    assert enqueue_outside_on_commit(bad, "services.py") == [2]
    assert enqueue_outside_on_commit(good, "services.py") == []


def test_placeholder_rule_catches_positional_formats() -> None:
    assert positional_placeholders('_("Dossier %s is late")\n') == [1]
    assert positional_placeholders('gettext("{} days")\n') == [1]
    assert positional_placeholders('_("Dossier %(code)s is late")\n') == []
