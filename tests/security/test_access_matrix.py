# ruff: noqa: E501 - the matrix is a table, one row a line
"""The access-control matrix (issue 14): every page of the back office, of the citizen's area of
the portal and of the REST API, asked by every role, about objects of (own) the officers' own
commune, (peer) another commune of the same tier and (unit) a provincial department, i.e.
another administrative unit. Citizen-owned objects belong to congdan (own), tocongnghe (peer)
and a third citizen (unit), so a citizen's "own" column is their own object and the others are
another citizen's.

MATRIX is the one table of expected outcomes; a page without a row fails
`test_every_url_has_a_row`. Out of scope reads as 404 ("hidden"), never 403
(backoffice/tests/test_scope.py). Where the outcome is not "ok" the body must not carry the
object's identifying data, and a POST must change nothing; where it is "ok" the body must not
carry the data of owners the role may not see (SEES).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.security.conftest import OWNERS, AccessWorld, Owned

pytestmark = pytest.mark.hard

ROLES = (
    "anon", "congdan", "tocongnghe", "motcua", "chuyenvien", "lanhdao", "quantricoquan",
    "giamsat", "quantri",
)  # fmt: skip
# The owners whose identifying data each role may see anywhere.
SEES: dict[str, tuple[str, ...]] = {
    "anon": (),
    "congdan": ("own",),
    "tocongnghe": ("peer",),
    "motcua": ("own",),
    "chuyenvien": ("own",),
    "lanhdao": ("own",),
    "quantricoquan": ("own",),
    "giamsat": OWNERS,
    "quantri": OWNERS,
}
NAMESPACES = ("backoffice", "portal", "api-v1")
OUTCOMES = {
    "ok",
    "acted",
    "hidden",
    "login",
    "forbidden",
    "redirect",
    "invalid",
    "refused",
    "method",
    "unauthorised",
}


# What each kind of URL takes, from one owner's objects.
KINDS: dict[str, Callable[[AccessWorld, Owned], list[Any]]] = {
    "agency": lambda _w, o: [o.agency.pk],
    "dossier": lambda _w, o: [o.dossier.pk],
    "document": lambda _w, o: [o.dossier.pk, o.document.pk],
    "store": lambda _w, o: [o.dossier.pk, o.store_entry.pk],
    "entry": lambda _w, o: [o.store_entry.pk],
    "act": lambda _w, o: [o.dossier.pk, "forward"],
    "pdf": lambda _w, o: [o.dossier.pk, "receipt"],
    "pdf_item": lambda _w, o: [o.dossier.pk, "payment", o.payment.pk],
    "payment": lambda _w, o: [o.payment.pk],
    "receipt": lambda _w, o: [o.dossier.pk, o.payment.pk],
    "reference": lambda _w, o: [o.payment.transactions.get().reference],
    "draft": lambda _w, o: [o.draft.pk],
    "citizen": lambda w, o: [o.citizen.pk, w.procedure_code],
    "feedback": lambda _w, o: [o.feedback.pk],
    "feedback_file": lambda _w, o: [o.feedback.pk, o.attachment.pk],
    "feedback_act": lambda _w, o: [o.feedback.pk, "refuse"],
    "feedback_code": lambda _w, o: [o.feedback.code],
    # The secret for the own column; the public code and the key must not open another's.
    "token": lambda _w, o: [
        {"own": o.feedback.tracking_token, "peer": o.feedback.code, "unit": str(o.feedback.pk)}[
            o.owner
        ]
    ],
    "directive": lambda _w, o: [o.directive.pk],
    "task": lambda _w, o: [o.task.pk],
    "occurrence": lambda _w, o: [o.occurrence.pk],
    "report": lambda _w, o: [o.report.pk],
    "target": lambda _w, o: [o.target.pk],
}


def _owned(kind: str) -> Callable[[AccessWorld, Owned], list[Any]]:
    build = KINDS[kind]

    def args(world: AccessWorld, item: Owned) -> list[Any]:
        return build(world, item)

    return args


def _fixed(build: Callable[[AccessWorld], list[Any]]) -> Callable[[AccessWorld, Owned], list[Any]]:
    return lambda world, _item: build(world)


NONE = _fixed(lambda _w: [])
VERSION = _fixed(lambda w: [w.version.pk])
CODE = _fixed(lambda w: [w.procedure_code])
# The API's own documents take a bearer token only: any one entry shows that cookies open none.
OWN_ENTRY = _fixed(lambda w: [w.owned["own"].store_entry.pk])
OWN_DRAFT = _fixed(lambda w: [w.owned["own"].draft.pk])
OWN_DRAFT_FILE = _fixed(lambda w: [w.owned["own"].draft.pk, 1])
OWN_PAYMENT = _fixed(lambda w: [w.owned["own"].payment.pk])


@dataclass(frozen=True)
class Row:
    method: str
    args: Callable[[AccessWorld, Owned], list[Any]]
    expected: str  # nine columns in ROLES' order; "a/b/c" = own/peer/unit objects
    data: dict[str, Any] | None = None
    capability: bool = False  # the URL carries the object's secret (a tracking token)
    json: bool = False  # the API's JSON bodies
    logs: frozenset[str] = frozenset()  # models a refused POST records the refusal in

    @property
    def owned(self) -> bool:
        return self.args.__qualname__.startswith("_owned")

    def outcome(self, role: str, owner: str) -> str:
        cells = self.expected.split()
        if not cells:
            return "?"
        assert len(cells) == len(ROLES), self.expected
        cell = cells[ROLES.index(role)].split("/")
        return cell[OWNERS.index(owner)] if len(cell) == len(OWNERS) else cell[0]


def _o(kind: str) -> Callable[[AccessWorld, Owned], list[Any]]:
    return _owned(kind)


# Outcomes: ok = 200 (201 for the API); hidden = 404; login = a redirect to sign in;
# forbidden = 403 (nowhere: out of scope reads as 404); redirect = a redirect elsewhere (for a
# POST: and the database unchanged, e.g. refused with a message); acted = a POST that changed
# the database; invalid = 400/422; refused = 409.
# Keys are URL names; "POST <name>" rows are POST attempts on pages that also have a GET row.
# Regenerate a row's observed outcomes (to review, never to paste blindly) with
#   MOTCUA_MATRIX_ONLY=<key prefix> MOTCUA_MATRIX_PRINT=/tmp/rows.txt pytest -k every_role
# fmt: off
# Columns: anon congdan tocongnghe motcua chuyenvien lanhdao quantricoquan giamsat quantri
MATRIX: dict[str, Row] = {
    # The back office: a signed-in officer's pages, scoped to their agencies.
    "backoffice:landing": Row("GET", NONE, "login redirect redirect ok ok ok ok ok ok"),
    "backoffice:agency_detail": Row("GET", _o("agency"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:agency_manage": Row("GET", _o("agency"), "login hidden hidden hidden hidden hidden ok/hidden/hidden hidden ok"),
    "backoffice:catalog": Row("GET", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:catalog_create": Row("GET", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:catalog_register": Row("GET", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:catalog_import": Row("GET", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:catalog_export": Row("GET", _fixed(lambda _w: ["xlsx"]), "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:catalog_translations": Row("GET", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:catalog_audio": Row("GET", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:catalog_version_edit": Row("GET", VERSION, "login hidden hidden hidden hidden hidden hidden redirect redirect"),
    "backoffice:catalog_publish": Row("POST", VERSION, "login hidden hidden hidden hidden hidden hidden redirect redirect"),
    "backoffice:catalog_translate": Row("GET", _fixed(lambda w: [w.version.pk, "en"]), "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:catalog_procedure": Row("GET", CODE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:catalog_new_draft": Row("POST", CODE, "login hidden hidden hidden hidden hidden hidden acted acted"),
    "backoffice:dossier_queue": Row("GET", NONE, "login hidden hidden ok ok ok ok ok ok"),
    "backoffice:dossier_go": Row("GET", NONE, "login hidden hidden redirect redirect redirect redirect redirect redirect"),
    "backoffice:dossier_bulk": Row("POST", NONE, "login hidden hidden redirect redirect redirect redirect redirect redirect"),
    "backoffice:dossier_receive": Row("GET", NONE, "login hidden hidden ok hidden hidden hidden hidden hidden"),
    "backoffice:dossier_register": Row("GET", NONE, "login hidden hidden ok ok ok ok ok ok"),
    "backoffice:to_digitise": Row("GET", NONE, "login hidden hidden ok ok ok ok ok ok"),
    "backoffice:dossier_digitise": Row("POST", _o("document"), "login hidden hidden redirect/hidden/hidden redirect/hidden/hidden redirect/hidden/hidden redirect/hidden/hidden redirect redirect"),
    "backoffice:dossier_document_file": Row("GET", _o("document"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:store_lookup": Row("GET", _o("store"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden hidden hidden"),
    "backoffice:payment_reconciliation": Row("GET", NONE, "login hidden hidden ok ok ok ok ok ok"),
    "backoffice:obligations_import": Row("GET", NONE, "login hidden hidden hidden ok ok hidden hidden hidden"),
    "backoffice:dossier_detail": Row("GET", _o("dossier"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:dossier_act": Row("POST", _o("act"), "login hidden hidden redirect/hidden/hidden redirect/hidden/hidden redirect/hidden/hidden redirect/hidden/hidden redirect redirect"),
    "backoffice:dossier_pdf": Row("GET", _o("pdf"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:dossier_pdf_item": Row("GET", _o("pdf_item"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:quality": Row("GET", NONE, "login hidden hidden hidden hidden ok ok ok ok"),
    "backoffice:quality_export": Row("GET", _fixed(lambda _w: ["xlsx"]), "login hidden hidden hidden hidden ok ok ok ok"),
    "backoffice:quality_targets": Row("GET", NONE, "login hidden hidden hidden hidden ok ok ok ok"),
    "backoffice:quality_payments": Row("GET", NONE, "login hidden hidden hidden hidden ok ok ok ok"),
    "backoffice:quality_digitisation": Row("GET", NONE, "login hidden hidden hidden hidden ok ok ok ok"),
    "backoffice:quality_target_delete": Row("POST", _o("target"), "login hidden hidden hidden hidden hidden hidden acted acted"),
    "backoffice:quality_figures": Row("GET", NONE, "login hidden hidden hidden hidden ok ok ok ok"),
    "backoffice:feedback_inbox": Row("GET", NONE, "login hidden hidden ok ok ok ok ok ok"),
    "backoffice:feedback_hotline": Row("GET", NONE, "login hidden hidden ok hidden hidden hidden ok hidden"),
    "backoffice:feedback_dashboard": Row("GET", NONE, "login hidden hidden hidden hidden ok ok ok ok"),
    "backoffice:feedback_dashboard_export": Row("GET", NONE, "login hidden hidden hidden hidden ok ok ok ok"),
    "backoffice:feedback_detail": Row("GET", _o("feedback"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:feedback_file": Row("GET", _o("feedback_file"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:feedback_act": Row("POST", _o("feedback_act"), "login hidden hidden redirect/hidden/hidden acted/hidden/hidden acted/hidden/hidden acted/hidden/hidden redirect redirect", {"reason": "Không thuộc thẩm quyền."}),
    "backoffice:directive_tasks": Row("GET", NONE, "login hidden hidden ok ok ok ok ok ok"),
    "backoffice:directive_new": Row("GET", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:directive_dashboard": Row("GET", NONE, "login hidden hidden hidden hidden ok hidden ok ok"),
    "backoffice:directive_export": Row("GET", NONE, "login hidden hidden hidden hidden ok hidden ok ok"),
    "backoffice:directive_detail": Row("GET", _o("directive"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:directive_file": Row("GET", _o("directive"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:directive_task": Row("GET", _o("task"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:directive_task_cancel": Row("POST", _o("task"), "login hidden hidden hidden hidden hidden hidden acted acted", {"reason": "Không còn cần."}),
    "backoffice:directive_report": Row("POST", _o("occurrence"), "login hidden hidden acted/hidden/hidden acted/hidden/hidden acted/hidden/hidden acted/hidden/hidden redirect redirect", {"kind": "progress", "text": "Đã làm."}),
    "backoffice:directive_review": Row("POST", _o("report"), "login hidden hidden redirect/hidden/hidden redirect/hidden/hidden redirect/hidden/hidden redirect/hidden/hidden acted acted", {"decision": "accept", "note": "Tốt."}),
    "backoffice:directive_report_file": Row("GET", _o("report"), "login hidden hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok ok"),
    "backoffice:articles": Row("GET", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:article_create": Row("GET", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "backoffice:article_edit": Row("GET", _fixed(lambda w: [w.article.pk]), "login hidden hidden hidden hidden hidden hidden ok ok"),
    # POST attempts on the form pages (empty forms): who may not see the form acts on nothing.
    "POST backoffice:agency_manage": Row("POST", _o("agency"), "login hidden hidden hidden hidden hidden ok/hidden/hidden hidden ok"),
    "POST backoffice:dossier_receive": Row("POST", NONE, "login hidden hidden ok hidden hidden hidden hidden hidden"),
    "POST backoffice:catalog_version_edit": Row("POST", VERSION, "login hidden hidden hidden hidden hidden hidden redirect redirect"),
    "POST backoffice:quality_targets": Row("POST", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "POST backoffice:feedback_hotline": Row("POST", NONE, "login hidden hidden ok hidden hidden hidden ok hidden"),
    "POST backoffice:directive_new": Row("POST", NONE, "login hidden hidden hidden hidden hidden hidden ok ok"),
    "POST backoffice:article_edit": Row("POST", _fixed(lambda w: [w.article.pk]), "login hidden hidden hidden hidden hidden hidden ok ok"),
    "POST portal:supplement": Row("POST", _o("dossier"), "login redirect/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "POST portal:profile": Row("POST", NONE, "login ok ok hidden hidden hidden hidden hidden hidden"),
    # The portal: public pages, and the citizen's own account, dossiers, payments, documents.
    "portal:home": Row("GET", NONE, "ok ok ok ok ok ok ok ok ok"),
    "portal:search": Row("GET", NONE, "ok ok ok ok ok ok ok ok ok"),
    "portal:account": Row("GET", NONE, "login ok ok ok ok ok ok ok ok"),
    "portal:profile": Row("GET", NONE, "login ok ok hidden hidden hidden hidden hidden hidden"),
    "portal:my_feedback": Row("GET", NONE, "login ok hidden hidden hidden hidden hidden hidden hidden"),
    "portal:data_access": Row("GET", NONE, "login ok ok ok ok ok ok ok ok"),
    "portal:feedback_public": Row("GET", NONE, "ok ok ok ok ok ok ok ok ok"),
    "portal:feedback_public_detail": Row("GET", _o("feedback_code"), "hidden hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:feedback_new": Row("GET", NONE, "ok ok ok ok ok ok ok ok ok"),
    "portal:feedback_verify": Row("GET", NONE, "redirect redirect redirect redirect redirect redirect redirect redirect redirect"),
    "portal:feedback_track": Row("GET", _o("token"), "ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden", capability=True),
    # Single sign-on is off in the tests' settings (no issuer): the national identity's pages
    # do not exist; the linking page without a pending identity goes back to sign-in.
    "portal:sso_start": Row("GET", NONE, "hidden hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:sso_callback": Row("GET", NONE, "hidden hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:sso_link": Row("GET", NONE, "login login login login login login login login login"),
    # The app's national-identity sign-in: off without a provider; its end hands out nothing
    # to a browser that did not start from the app.
    "portal:sso_app_start": Row("GET", NONE, "hidden hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:sso_app_done": Row("GET", NONE, "login login login login login login login login login"),
    "portal:sign_up": Row("GET", NONE, "ok redirect redirect redirect redirect redirect redirect redirect redirect"),
    "portal:sign_up_verify": Row("GET", NONE, "redirect redirect redirect redirect redirect redirect redirect redirect redirect"),
    "portal:catalogue": Row("GET", NONE, "ok ok ok ok ok ok ok ok ok"),
    "portal:procedure": Row("GET", CODE, "ok ok ok ok ok ok ok ok ok"),
    "portal:procedure_form": Row("GET", _fixed(lambda w: [w.procedure_code, 1]), "hidden hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:procedure_audio": Row("GET", CODE, "hidden hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:information": Row("GET", NONE, "ok ok ok ok ok ok ok ok ok"),
    "portal:article": Row("GET", _fixed(lambda w: [w.article.slug]), "ok ok ok ok ok ok ok ok ok"),
    "portal:contact": Row("GET", NONE, "ok ok ok ok ok ok ok ok ok"),
    "portal:track": Row("GET", NONE, "ok ok ok ok ok ok ok ok ok"),
    "portal:supplement": Row("GET", _o("dossier"), "login ok/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:submit_online": Row("GET", CODE, "login redirect hidden hidden hidden hidden hidden hidden hidden"),
    "portal:helper_home": Row("GET", NONE, "login hidden ok hidden hidden hidden hidden hidden hidden"),
    "portal:helper_confirm": Row("GET", NONE, "login hidden redirect hidden hidden hidden hidden hidden hidden"),
    "portal:helper_go": Row("GET", NONE, "login hidden redirect hidden hidden hidden hidden hidden hidden"),
    "portal:helper_start": Row("GET", _o("citizen"), "login hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:draft": Row("GET", _o("draft"), "login ok/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:draft_files": Row("GET", _o("draft"), "login ok/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:draft_review": Row("GET", _o("draft"), "login ok/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:draft_send": Row("POST", _o("draft"), "login redirect/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:draft_done": Row("GET", _o("draft"), "login redirect/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:rate": Row("POST", NONE, "redirect redirect redirect redirect redirect redirect redirect redirect redirect"),
    "portal:dossier_payment": Row("GET", _o("dossier"), "login ok/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:payment_go": Row("POST", _o("payment"), "login redirect/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:payment_receipt": Row("GET", _o("receipt"), "login ok/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:payment_return": Row("GET", _o("reference"), "login ok/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:paygov_callback": Row("POST", NONE, "invalid invalid invalid invalid invalid invalid invalid invalid invalid", logs=frozenset({"payments.PaymentEvent", "core.AuditEvent", "core.AuditChainHead"})),
    "portal:result_verify": Row("GET", _o("feedback_code"), "hidden hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:my_documents": Row("GET", NONE, "login ok ok ok ok ok ok ok ok"),
    "portal:my_document": Row("GET", _o("entry"), "login ok/hidden/hidden hidden hidden hidden hidden hidden hidden hidden"),
    "portal:result_download": Row("GET", _o("dossier"), "login hidden hidden hidden hidden hidden hidden hidden hidden"),
    # The REST API: no accounts; a petition is reached by its secret token only.
    # Signing the app in: an empty body is refused, whoever asks.
    "api-v1:auth_token": Row("POST", NONE, "invalid invalid invalid invalid invalid invalid invalid invalid invalid"),
    "api-v1:auth_refresh": Row("POST", NONE, "invalid invalid invalid invalid invalid invalid invalid invalid invalid"),
    "api-v1:auth_sso": Row("POST", NONE, "invalid invalid invalid invalid invalid invalid invalid invalid invalid"),
    "api-v1:auth_revoke": Row("POST", NONE, "invalid invalid invalid invalid invalid invalid invalid invalid invalid"),
    # The app's own data takes a bearer token only: a portal or back-office session cookie
    # opens nothing here (so the API needs no CSRF protection).
    "api-v1:me": Row("GET", NONE, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    "api-v1:my_dossiers": Row("GET", NONE, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    "api-v1:my_documents": Row("GET", NONE, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    "api-v1:my_document_file": Row("GET", OWN_ENTRY, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    "api-v1:my_profile": Row("PATCH", NONE, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised", {"address": "x"}, json=True),
    "api-v1:my_notifications": Row("GET", NONE, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    "api-v1:payment_list": Row("GET", NONE, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    "api-v1:payment_read": Row("GET", OWN_PAYMENT, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    "api-v1:payment_begin": Row("POST", OWN_PAYMENT, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    # Submitting from the app: bearer only too, whatever the method.
    "api-v1:draft_create": Row("POST", NONE, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised", json=True),
    "api-v1:draft_read": Row("GET", OWN_DRAFT, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    "api-v1:draft_answers": Row("PATCH", OWN_DRAFT, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised", {"revision": 0, "answers": {}}, json=True),
    "api-v1:draft_file_add": Row("POST", OWN_DRAFT, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    "api-v1:draft_file_remove": Row("DELETE", OWN_DRAFT_FILE, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised"),
    "api-v1:draft_send": Row("POST", OWN_DRAFT, "unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised unauthorised", {"revision": 0}, json=True),
    # Tracking takes the code and digits in the body: an empty one is refused, whoever asks.
    "api-v1:tracking": Row("POST", NONE, "invalid invalid invalid invalid invalid invalid invalid invalid invalid"),
    "api-v1:tracking_rating": Row("POST", NONE, "invalid invalid invalid invalid invalid invalid invalid invalid invalid"),
    "api-v1:openapi-json": Row("GET", NONE, "ok ok ok ok ok ok ok ok ok"),
    "api-v1:procedure_list": Row("GET", NONE, "ok ok ok ok ok ok ok ok ok"),
    "api-v1:procedure_read": Row("GET", CODE, "ok ok ok ok ok ok ok ok ok"),
    "api-v1:procedure_eform": Row("GET", CODE, "ok ok ok ok ok ok ok ok ok"),
    "api-v1:code_request": Row("POST", NONE, "invalid invalid invalid invalid invalid invalid invalid invalid invalid"),
    "api-v1:code_check": Row("POST", NONE, "invalid invalid invalid invalid invalid invalid invalid invalid invalid"),
    "api-v1:feedback_create": Row("POST", NONE, "invalid invalid invalid invalid invalid invalid invalid invalid invalid"),
    "api-v1:feedback_read": Row("GET", _o("token"), "ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden ok/hidden/hidden", capability=True),
    "api-v1:feedback_rating": Row("POST", _o("token"), "refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden", {"satisfied": True}, capability=True, json=True),
    "api-v1:feedback_supplement_give": Row("POST", _o("token"), "refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden refused/hidden/hidden", capability=True),
}
# fmt: on


# --- running the cells ----------------------------------------------------------------------


def _classify(response: Any) -> str:
    code = response.status_code
    if code == 200 or code == 201:  # noqa: PLR1714 - the two success codes
        return "ok"
    if code in (301, 302, 303):
        location = response["Location"]
        login = reverse("accounts:login")
        return "login" if location.startswith((login, "/admin/login/")) else "redirect"
    return {404: "hidden", 403: "forbidden", 405: "method", 422: "invalid", 400: "invalid",
            409: "refused", 401: "unauthorised"}.get(code, str(code))  # fmt: skip


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        # Reading to the end closes the response: the test client's wrapper does it with the
        # database connection kept (a second close() would drop it inside the transaction).
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


# Rows compared in full before and after a POST (what the POSTs could change); every other
# model of the project is compared by its count and highest key.
MUTABLE = {
    "dossiers.Dossier", "dossiers.DossierDocument", "dossiers.ProcessingStep",
    "dossiers.OnlineDraft", "feedback.Feedback", "directives.DirectiveTask",
    "directives.TaskOccurrence", "directives.TaskReport", "payments.PaymentRequest",
    "catalog.Procedure", "quality.Target", "information.Article", "accounts.OfficerMembership",
}  # fmt: skip
# Read logs that any request may append to (who opened which dossier).
READ_LOGS = {"dossiers.DossierAccess"}


def _fingerprint() -> dict[str, str]:
    from django.db import connection

    quote = connection.ops.quote_name
    state, counted = {}, []
    for model in apps.get_models():
        label = model._meta.label
        if not model.__module__.startswith("motcua.") or label in READ_LOGS:
            continue
        if label in MUTABLE:
            rows = repr(list(model._default_manager.order_by("pk").values_list()))
            state[label] = hashlib.sha256(rows.encode()).hexdigest()
        else:
            counted.append((label, quote(model._meta.db_table), quote(model._meta.pk.column)))
    # Every other table by its count and highest key, in one query.
    columns = ", ".join(
        f"(SELECT COUNT(*) FROM {table}), (SELECT MAX({pk}) FROM {table})"  # noqa: S608
        for _label, table, pk in counted
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # the project's own table names, quoted
        values = cursor.fetchone()
    for index, (label, _table, _pk) in enumerate(counted):
        state[label] = repr(values[2 * index : 2 * index + 2])
    return state


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {label for label, value in after.items() if before.get(label) != value}


@dataclass
class Cell:
    key: str
    role: str
    owner: str
    expected: str
    seen: str
    problem: str = ""


def _clients(world: AccessWorld) -> dict[str, Client]:
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if role != "anon":
            client.force_login(world.users[role])
        clients[role] = client
    return clients


def _request(client: Client, row: Row, url: str) -> Any:
    if row.method == "POST" and row.json:
        return client.post(url, row.data or {}, content_type="application/json")
    if row.method == "POST":
        return client.post(url, row.data or {})
    if row.method == "PATCH":
        return client.patch(url, row.data or {}, content_type="application/json")
    if row.method == "DELETE":
        return client.delete(url)
    return client.get(url)


TIMES: dict[str, float] = {}


def _run(world: AccessWorld, keys: list[str]) -> Iterator[Cell]:
    clients = _clients(world)
    baseline = _fingerprint()  # every cell is rolled back: the state it starts from
    for key in keys:
        row = MATRIX[key]
        started = time.process_time()
        for role in ROLES:
            for owner in OWNERS if row.owned else ("own",):
                item = world.owned[owner]
                url = reverse(key.removeprefix("POST "), args=row.args(world, item))
                with transaction.atomic():
                    response = _request(clients[role], row, url)
                    seen = _classify(response)
                    body = _body(response)
                    changed = _changed(baseline, _fingerprint()) if row.method != "GET" else set()
                    transaction.set_rollback(True)
                cell = Cell(key, role, owner, row.outcome(role, owner), seen)
                if changed and seen in ("ok", "redirect"):
                    cell.seen = "acted"  # the POST did something: allowed only where expected
                elif changed - row.logs:
                    cell.problem = f"a refused POST changed {sorted(changed)}"
                cell.problem = cell.problem or _leak(world, row, cell, body=body, url=url)
                yield cell
        TIMES[key] = time.process_time() - started


def _leak(world: AccessWorld, row: Row, cell: Cell, *, body: str, url: str) -> str:
    role, owner, seen = cell.role, cell.owner, cell.seen
    if seen == "ok":
        hidden = [o for o in OWNERS if o not in SEES[role] and not (row.capability and o == owner)]
    elif row.owned:
        hidden = [owner]
    else:
        hidden = list(OWNERS)
    for other in hidden:
        for secret in world.owned[other].secrets:
            if secret in body and secret not in url:  # echoing what was asked is no leak
                return f"shows {other}'s {secret!r}"
    return ""


def test_every_role_gets_what_the_table_says_and_nothing_leaks(
    access_world: AccessWorld, hard_figures: Any
) -> None:
    only = os.environ.get("MOTCUA_MATRIX_ONLY", "")  # a key prefix, to print a few new rows
    cells = list(_run(access_world, sorted(k for k in MATRIX if k.startswith(only))))
    if os.environ.get("MOTCUA_MATRIX_PRINT"):
        _print(cells)
    wrong = [c for c in cells if c.seen != c.expected or c.problem]
    leaks = [c for c in cells if c.problem]
    hard_figures(cases=len(cells), losses=len(leaks))
    assert only or len(cells) > 1000
    assert not wrong, "\n".join(
        f"{c.key} as {c.role} on {c.owner}'s: expected {c.expected}, got {c.seen} {c.problem}"
        for c in wrong[:60]
    )


def _print(cells: list[Cell]) -> None:
    lines = []
    rows: dict[str, dict[str, list[str]]] = {}
    for cell in cells:
        rows.setdefault(cell.key, {}).setdefault(cell.role, []).append(cell.seen)
    for key, by_role in rows.items():
        columns = []
        for role in ROLES:
            seen = by_role[role]
            columns.append(seen[0] if len(set(seen)) == 1 else "/".join(seen))
        lines.append(f'"{key}": "{" ".join(columns)}", {TIMES[key]:.2f}')
    problems = [f"{c.key} {c.role} {c.owner} {c.problem}" for c in cells if c.problem]
    with open(os.environ["MOTCUA_MATRIX_PRINT"], "w") as out:
        out.write("\n".join(lines + problems) + "\n")


# --- completeness ---------------------------------------------------------------------------


def _names(patterns: list[Any], namespace: str) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}")
    return names


def test_every_url_has_a_row() -> None:
    """A new page (or API operation) without a row in MATRIX fails here."""
    namespaces = get_resolver().namespace_dict
    names: set[str] = set()
    for namespace in NAMESPACES:
        _prefix, resolver = namespaces[namespace]
        names |= _names(resolver.url_patterns, namespace)
    names -= {"api-v1:api-root"}  # ninja's empty root: no view, 404 for everyone
    assert len(names) > 100
    rows = {key.removeprefix("POST ") for key in MATRIX}
    missing = sorted(names - rows)
    assert not missing, f"URLs without a row in MATRIX: {missing}"
    assert not sorted(rows - names), "rows for URLs that no longer exist"

    from motcua.api.urls import api

    operations = api.get_openapi_schema()["paths"]
    assert operations
    for path, methods in operations.items():
        match = resolve(path.replace("{", "").replace("}", ""))
        key = f"api-v1:{match.url_name}"
        assert key in MATRIX, path
        assert {m.upper() for m in methods} == {MATRIX[key].method}, path
    for key, row in MATRIX.items():
        assert row.method in ("GET", "POST", "PATCH", "DELETE"), key
        assert len(row.expected.split()) == len(ROLES), key
        for cell in row.expected.split():
            assert set(cell.split("/")) <= OUTCOMES, (key, cell)


OFFICERS = ("motcua", "chuyenvien", "lanhdao", "quantricoquan")


def test_the_table_keeps_the_scope_rules() -> None:
    """The table itself cannot drift from the house rules: out of scope is 404, never 403;
    no officer of an agency reaches another agency's object; only the owner citizen reaches a
    citizen's object; signed out, a page that is not public asks to sign in."""
    for key, row in MATRIX.items():
        for role in ROLES:
            for owner in OWNERS:
                outcome = row.outcome(role, owner)
                assert outcome != "forbidden", (key, role)
                if not row.owned or row.capability:
                    continue
                if role in OFFICERS and owner != "own":
                    assert outcome == "hidden", (key, role, owner)
                if key.startswith(("portal:", "POST portal:")) and owner not in SEES[role]:
                    assert outcome == "hidden" or role == "anon", (key, role, owner)
        if key.startswith(("backoffice:", "POST backoffice:")):
            assert row.outcome("anon", "own") == "login", key
