"""XSS, template and SQL injection probes (issue 14): what a person types is shown back only as
text, never run, on every page that shows it; search boxes take SQL-looking text as text.

How the tables were built (completeness): the stored fields are every free-text field a person
types that another page shows back. They were found from the forms and services that take text
(grep for CharField and Textarea in src/motcua/portal and backoffice forms and views) and from
the templates that print name, address, title, content, note, reason, text, summary or subject
(grep over src/motcua/*/templates): the dossier's applicant name, address and subject (desk
intake), the officer's forwarding note, the supplement reasons and note (Mẫu 02), the
petition's title, content and sender (portal form), the routing note, the directive's summary,
its task and the report text. Each is paired with every page that prints it: the back office
(detail, queue, inbox, task lists), the portal (tracking, petition tracking, my petitions), the
HTML of the PDF forms (receipt Mẫu 01, supplement Mẫu 02, rendered by WeasyPrint from HTML) and
the notification e-mails' text. The search boxes are every `request.GET.get("q")`, "code" or
"procedure" input in the portal and back-office views, and the tracking form. Pages printing
these fields that are not listed: the public petition page (needs publication; the same
template filters as tracking) and the payment and quality pages (no free text a citizen types).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.tests import conftest as dossier_fixtures
from motcua.dossiers.tests.conftest import World
from motcua.notifications import channels

pytestmark = pytest.mark.hard
world = dossier_fixtures.world  # the officers, the citizen and the seed catalogue
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}
PAYLOADS = {
    "template": "{{7*7}} {% debug %}",
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "link": "javascript:alert(1)",
    "sql": "' OR 1=1 --",
    "sql_like": "%' ;--",
}
PROBE = " ".join(PAYLOADS.values())  # every payload in one value: each must survive as text
SEARCH_PROBES = [*PAYLOADS.values(), "Z" * 10_000, "a\x00b", "100%", "_"]


def _value(marker: str) -> str:
    """What is typed into one field: a marker naming the field, then every payload."""
    return f"{marker} {PROBE}"


def _unsafe(html: str, marker: str | None = None) -> list[str]:
    """Why this HTML is unsafe (empty when the payloads are only text). With `marker`, the
    field must be on the page (a pair that shows nothing proves nothing)."""
    problems = []
    if marker is not None:
        if marker not in html:
            return ["the field is not shown"]
        if f"{marker} 49" in html or f"{marker} {{{{7*7}}}}" not in html:
            problems.append("{{7*7}} was evaluated or lost")
    if "<script>alert(1)" in html:
        problems.append("a raw <script> tag")
    if re.search(r"<img[^>]*onerror", html, re.IGNORECASE):
        problems.append("a raw onerror= attribute")
    if re.search(
        r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", html, re.IGNORECASE
    ):
        problems.append("a javascript: link")
    if "{% debug %}" not in html and marker is not None and "{{7*7}}" in html:
        problems.append("{% debug %} was evaluated")
    return problems


def _text_unsafe(text: str, marker: str) -> list[str]:
    """A plain-text message (e-mail, SMS): the value verbatim, neither evaluated nor escaped."""
    if marker not in text:
        return ["the field is not in the message"]
    return [] if _value(marker) in text else ["the value was changed (evaluated or escaped)"]


def test_the_checks_see_a_payload_that_runs() -> None:
    """The detectors themselves: raw markup, an evaluated template, a changed e-mail text."""
    from django.utils.html import escape

    assert _unsafe(f"<p>KQ {escape(PROBE)}</p>", "KQ") == []
    assert "a raw <script> tag" in _unsafe(f"<p>KQ {PROBE}</p>", "KQ")
    assert "a raw onerror= attribute" in _unsafe(f"<p>KQ {PROBE}</p>", "KQ")
    assert _unsafe('<a href="javascript:alert(1)">x</a>') == ["a javascript: link"]
    assert _unsafe("<p>KQ 49 {% debug %}</p>", "KQ") == ["{{7*7}} was evaluated or lost"]
    assert _unsafe("<p>nothing</p>", "KQ") == ["the field is not shown"]
    assert _text_unsafe(f"KQ {PROBE}", "KQ") == []
    assert _text_unsafe(f"KQ {escape(PROBE)}", "KQ") != []


# --- The world the probes write -------------------------------------------------------------


def _write_everything(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    """Every stored field gets its probe, through the real form where there is one."""
    from motcua.accounts.selectors import membership_list_for_user
    from motcua.directives.services import (
        Deadline,
        DirectiveInput,
        TaskInput,
        directive_create,
        task_report_submit,
    )
    from motcua.dossiers.services import (
        ApplicantData,
        dossier_forward,
        dossier_request_supplement,
    )
    from motcua.feedback.models import Feedback
    from motcua.feedback.services import feedback_route

    channels.sent_messages.clear()
    mail.outbox.clear()
    dossier = world.receive(
        applicant=ApplicantData(
            name=_value("KQ-NAME"), id_number="070190001234", phone="0912345678",
            email="an@example.vn", address=_value("KQ-ADDRESS"),
        ),
        subject=_value("KQ-SUBJECT"),
    )  # fmt: skip
    dossier_forward(actor=world.desk, dossier_id=dossier.pk, note=_value("KQ-FORWARD"))
    document = dossier.documents.order_by("pk").first()
    assert document is not None
    dossier_request_supplement(
        actor=world.specialist, dossier_id=dossier.pk,
        reasons=[(document.name, _value("KQ-REASON"))], note=_value("KQ-SUPPNOTE"),
    )  # fmt: skip
    dossier.refresh_from_db()

    world.citizen.phone, world.citizen.email = "0987654321", "citizen@example.vn"
    world.citizen.save(update_fields=["phone", "email"])
    client.force_login(world.citizen)
    sent = client.post(
        reverse("portal:feedback_new"),
        {"kind": "regulation", "title": _value("KQ-TITLE")[:200], "email": "citizen@example.vn",
         "content": _value("KQ-CONTENT"), "name": _value("KQ-SENDER")[:100]},
        **VI,
    )  # fmt: skip
    assert sent.status_code == 302, sent.content.decode()[:2000]
    feedback = Feedback.objects.get()
    membership = membership_list_for_user(user=world.leader).first()
    assert membership is not None
    feedback_route(
        actor=world.monitor, feedback_id=feedback.pk, agency_id=membership.agency_id,
        note=_value("KQ-ROUTE"),
    )  # fmt: skip

    today = timezone.localdate()
    directive = directive_create(
        actor=world.monitor,
        data=DirectiveInput(
            number="12/TB-UBND", kind="conclusion_notice", issued_on=today,
            issuer="UBND tỉnh", summary=_value("KQ-SUMMARY"),
            tasks=[TaskInput(content=_value("KQ-TASK"), lead_agency_id=membership.agency_id,
                             complete_by=Deadline(day=today.replace(day=28)))],
        ),
    )  # fmt: skip
    task = directive.tasks.get()
    task_report_submit(
        actor=world.leader, occurrence_id=task.occurrences.get().pk, kind="progress",
        text=_value("KQ-REPORT"),
    )  # fmt: skip

    captured: dict[str, str] = {}

    def keep(html: str, *args: Any, **kwargs: Any) -> bytes:
        captured["html"] = html
        return b"%PDF-1.7\n"

    monkeypatch.setattr("motcua.dossiers.documents.pdf_from_html", keep)
    return {"dossier": dossier, "feedback": feedback, "directive": directive, "task": task,
            "pdf": captured}  # fmt: skip


def _get(client: Client, user: Any, url: str) -> str:
    client.force_login(user)
    response = client.get(url, **VI)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _receipt(w: World, c: Client, o: dict[str, Any]) -> str:
    from motcua.dossiers.documents import receipt_html

    return receipt_html(dossier=o["dossier"])


def _supplement_form(w: World, c: Client, o: dict[str, Any]) -> str:
    from motcua.dossiers.documents import supplement_pdf

    supplement_pdf(request=o["dossier"].supplements.order_by("-pk").first())
    return str(o["pdf"]["html"])


def _track(w: World, c: Client, o: dict[str, Any]) -> str:
    c.logout()
    response = c.post(reverse("portal:track"), {"ma": o["dossier"].code, "so": "5678"}, **VI)
    assert response.status_code == 200
    return response.content.decode()


def _mail_to(address: str) -> Callable[[World, Client, dict[str, Any]], str]:
    def read(w: World, c: Client, o: dict[str, Any]) -> str:
        bodies = [m.body for m in channels.sent_messages if m.address == address]
        bodies += [m.body for m in mail.outbox if address in m.to]
        return "\n".join(bodies)

    return read


PAGES: dict[str, Callable[[World, Client, dict[str, Any]], str]] = {
    "backoffice dossier detail": lambda w, c, o: _get(
        c, w.specialist, reverse("backoffice:dossier_detail", args=[o["dossier"].pk])
    ),
    "backoffice dossier queue": lambda w, c, o: _get(
        c, w.specialist, reverse("backoffice:dossier_queue") + f"?q={o['dossier'].code}"
    ),
    "portal tracking": _track,
    "receipt (Mẫu 01) HTML": _receipt,
    "supplement (Mẫu 02) HTML": _supplement_form,
    "portal petition tracking": lambda w, c, o: _get(
        c, w.citizen, reverse("portal:feedback_track", args=[o["feedback"].tracking_token])
    ),
    "portal my petitions": lambda w, c, o: _get(c, w.citizen, reverse("portal:my_feedback")),
    "backoffice petition detail": lambda w, c, o: _get(
        c, w.monitor, reverse("backoffice:feedback_detail", args=[o["feedback"].pk])
    ),
    "backoffice petition inbox": lambda w, c, o: _get(
        c, w.monitor, reverse("backoffice:feedback_inbox") + "?status=all"
    ),
    "backoffice directive": lambda w, c, o: _get(
        c, w.monitor, reverse("backoffice:directive_detail", args=[o["directive"].pk])
    ),
    "backoffice directive task": lambda w, c, o: _get(
        c, w.leader, reverse("backoffice:directive_task", args=[o["task"].pk])
    ),
    "backoffice directive tasks": lambda w, c, o: _get(
        c, w.leader, reverse("backoffice:directive_tasks")
    ),
}
TEXT_PAGES = {
    "applicant e-mail": _mail_to("an@example.vn"),
    "citizen e-mail": _mail_to("citizen@example.vn"),
}

# (page, field marker): every page that shows the field back.
PAIRS = [
    ("backoffice dossier detail", "KQ-NAME"),
    ("backoffice dossier detail", "KQ-ADDRESS"),
    ("backoffice dossier detail", "KQ-FORWARD"),
    ("backoffice dossier detail", "KQ-REASON"),
    ("backoffice dossier detail", "KQ-SUPPNOTE"),
    ("backoffice dossier queue", "KQ-NAME"),
    ("portal tracking", "KQ-REASON"),
    ("receipt (Mẫu 01) HTML", "KQ-NAME"),
    ("receipt (Mẫu 01) HTML", "KQ-ADDRESS"),
    ("receipt (Mẫu 01) HTML", "KQ-SUBJECT"),
    ("supplement (Mẫu 02) HTML", "KQ-REASON"),
    ("supplement (Mẫu 02) HTML", "KQ-NAME"),
    ("applicant e-mail", "KQ-REASON"),
    ("applicant e-mail", "KQ-SUPPNOTE"),
    ("portal petition tracking", "KQ-TITLE"),
    ("portal petition tracking", "KQ-CONTENT"),
    ("portal my petitions", "KQ-TITLE"),
    ("backoffice petition detail", "KQ-TITLE"),
    ("backoffice petition detail", "KQ-CONTENT"),
    ("backoffice petition detail", "KQ-SENDER"),
    ("backoffice petition detail", "KQ-ROUTE"),
    ("backoffice petition inbox", "KQ-TITLE"),
    ("citizen e-mail", "KQ-TITLE"),
    ("backoffice directive", "KQ-SUMMARY"),
    ("backoffice directive", "KQ-TASK"),
    ("backoffice directive task", "KQ-TASK"),
    ("backoffice directive task", "KQ-REPORT"),
    ("backoffice directive tasks", "KQ-TASK"),
]


def test_what_people_type_is_shown_back_only_as_text(
    world: World,
    client: Client,
    monkeypatch: pytest.MonkeyPatch,
    hard_figures: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from motcua.notifications.services import notification_deliver_due

    with django_capture_on_commit_callbacks(execute=True):  # the notifications are queued
        written = _write_everything(world, client, monkeypatch)
    notification_deliver_due()  # and sent: the e-mails' text is read below
    rendered: dict[str, str] = {}
    losses = []
    for page, marker in PAIRS:
        if page not in rendered:
            reader = PAGES.get(page) or TEXT_PAGES[page]
            rendered[page] = reader(world, client, written)
        check = _text_unsafe if page in TEXT_PAGES else _unsafe
        losses += [f"{page} / {marker}: {p}" for p in check(rendered[page], marker)]
    hard_figures(cases=len(PAIRS) * len(PAYLOADS), losses=len(losses))
    assert not losses, losses


# --- Search boxes and code inputs -----------------------------------------------------------

# (page, parameter, who asks): every search box and code input; None asks anonymously.
SEARCHES = [
    ("portal:search", "q", None),
    ("portal:catalogue", "q", None),
    ("portal:feedback_public", "q", None),
    ("portal:contact", "q", None),
    ("portal:track", "ma", None),
    ("backoffice:dossier_queue", "q", "specialist"),
    ("backoffice:catalog", "q", "monitor"),
    ("backoffice:dossier_go", "code", "desk"),
    ("backoffice:dossier_receive", "procedure", "desk"),
    ("backoffice:feedback_inbox", "q", "monitor"),
    ("backoffice:directive_tasks", "q", "leader"),
    ("/api/v1/procedures", "q", None),  # JSON: a 400 or 422 with a message is a refusal too
]


def test_search_boxes_take_injection_as_text(
    world: World, client: Client, hard_figures: Any
) -> None:
    """SQL-looking text finds nothing and breaks nothing (200, or a 400 with a message; never
    a 500); what was typed is echoed escaped."""
    client.raise_request_exception = False
    world.receive()  # something to find, so a probe matching everything would show it
    sent, losses = 0, []
    for name, parameter, who in SEARCHES:
        if who is None:
            client.logout()
        else:
            client.force_login(getattr(world, who))
        url = name if name.startswith("/") else reverse(name)
        for probe in SEARCH_PROBES:
            response = client.get(url, {parameter: probe}, follow=True, **VI)
            sent += 1
            label = f"{name}?{parameter}={probe[:20]!r}"
            if name.startswith("/api/") and response.status_code in (400, 422):
                if not response.json().get("error", {}).get("message"):
                    losses.append(f"{label}: a {response.status_code} without a message")
                continue
            if response.status_code not in (200, 400):
                losses.append(f"{label}: HTTP {response.status_code}")
                continue
            text = response.content.decode()
            losses += [f"{label}: {p}" for p in _unsafe(text)]
            if response.status_code == 400 and 'role="alert"' not in text:
                losses.append(f"{label}: a 400 without a message")
            if probe in ("' OR 1=1 --", "%' ;--") and world.intake().applicant.name in text:
                losses.append(f"{label}: the probe matched a dossier")
    # The tracking form by POST (the code and the phone digits are typed there).
    client.logout()
    for probe in SEARCH_PROBES:
        response = client.post(reverse("portal:track"), {"ma": probe, "so": "' OR"}, **VI)
        sent += 1
        if response.status_code not in (200, 400) or _unsafe(response.content.decode()):
            losses.append(f"track POST {probe[:20]!r}: HTTP {response.status_code}")
    hard_figures(cases=sent, losses=len(losses))
    assert not losses, losses


def test_typed_nul_bytes_and_overlong_text_are_refused_with_a_message(
    world: World, client: Client, hard_figures: Any
) -> None:
    """A NUL byte (PostgreSQL cannot store it) or a 100,000-character title in the petition
    form: a message on the page, nothing stored, no 500."""
    from motcua.feedback.models import Feedback

    client.raise_request_exception = False
    world.citizen.phone = "0987654321"
    world.citizen.save(update_fields=["phone"])
    client.force_login(world.citizen)
    probes = [
        {"title": "Trễ\x00hẹn"},
        {"content": "Nội dung\x00"},
        {"name": "An\x00"},
        {"title": "T" * 100_000},
    ]
    losses = []
    for probe in probes:
        form = {"kind": "regulation", "title": "Trễ hẹn", "name": "An", "email": "",
                "content": "Hồ sơ quá hẹn."} | probe  # fmt: skip
        response = client.post(reverse("portal:feedback_new"), form, **VI)
        text = response.content.decode()
        if response.status_code != 200 or not re.search(r'class="(errorlist|form-errors)"', text):
            losses.append(f"{list(probe)}: HTTP {response.status_code}")
        if Feedback.objects.exists():
            losses.append(f"{list(probe)}: stored")
    hard_figures(cases=len(probes), losses=len(losses))
    assert not losses, losses
