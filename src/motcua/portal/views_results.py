"""Electronic results in public: the verification page the result's QR code opens, and the
citizen's own download.

The page says what was issued, to whom (masked), by which agency and certificate, and when,
only when the link carries the result's token (the QR code) or its file's SHA-256 (a link
shared with a third party); a forged or mistyped link shows nothing about the person. Anyone
may upload the file they were given: the page says whether it is the one issued and whether its
signature holds.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.ratelimit import rate_limit_exceeded
from motcua.documents import signing
from motcua.documents.selectors import (
    link_matches,
    masked_id,
    masked_name,
    signed_result_by_code,
    signed_result_of,
)
from motcua.documents.services import signed_result_verify
from motcua.dossiers.selectors import dossier_get_for_citizen

CHECKS_PER_HOUR = 60


def _client(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def result_verify(request: HttpRequest, code: str) -> HttpResponse:
    signed = signed_result_by_code(code=code)
    token = request.GET.get("t", "")[:40]
    digest = request.GET.get("h", "")[:64]
    matched = signed is not None and link_matches(signed, token=token, sha256=digest)
    context: dict[str, object] = {"code": code[:60], "found": matched, "forged": False}
    status = 200
    if signed is None or not matched:
        context["forged"] = signed is not None and bool(token or digest)
        status = 404
    else:
        context.update(
            signed=signed,
            recipient=masked_name(signed.recipient_name),
            recipient_id=masked_id(signed.recipient_id_number),
            stored=signed_result_verify(signed),
            query=request.GET.urlencode(),
        )
        if request.method == "POST":
            context["upload"] = _check_upload(request, signed.sha256)
    return render(request, "portal/result_verify.html", context, status=status)


def _check_upload(request: HttpRequest, issued_sha256: str) -> dict[str, object]:
    if rate_limit_exceeded(key=f"verify:{_client(request)}", limit=CHECKS_PER_HOUR,
                           window_seconds=3600):  # fmt: skip
        return {"error": _("Too many checks from this address; try again in an hour.")}
    upload = request.FILES.get("file")
    if upload is None:
        return {"error": _("Choose the PDF file to check.")}
    data = upload.read(signing.MAX_PDF_BYTES + 1)
    if len(data) > signing.MAX_PDF_BYTES:
        return {"error": _("The PDF is larger than 20 MB.")}
    same = signing.sha256_hex(data) == issued_sha256
    verdict = signing.verify(data) if data.startswith(b"%PDF-") else None
    return {"same": same, "verdict": verdict, "name": upload.name[:120]}


@login_required
def result_download(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = dossier_get_for_citizen(citizen=request.user, dossier_id=dossier_id)
    signed = signed_result_of(dossier_id=dossier.pk) if dossier else None
    if signed is None:
        raise Http404
    return FileResponse(
        signed.file.open("rb"),
        as_attachment=True,
        filename=f"{signed.code}.pdf",
        content_type="application/pdf",
    )


def _confirmed_id_number(request: HttpRequest) -> str:
    """The profile's ID number once a received dossier ties it to the person, else "": a
    number typed into a profile proves nothing, and the store holds another person's papers."""
    from motcua.dossiers.selectors import id_number_confirmed_for

    user = request.user
    id_number = str(getattr(user, "id_number", "") or "")
    if not id_number or not isinstance(user, User) or not id_number_confirmed_for(user=user):
        return ""
    return id_number


@login_required
def my_documents(request: HttpRequest) -> HttpResponse:
    """Kho giấy tờ: what the state holds about me (by my identification number), and who
    looked at it from which dossier."""
    from motcua.documents.selectors import store_of_citizen
    from motcua.dossiers.selectors import store_lookups_of

    id_number = _confirmed_id_number(request)
    return render(
        request,
        "portal/my_documents.html",
        {
            "id_number": id_number,
            "id_number_pending": bool(getattr(request.user, "id_number", "")) and not id_number,
            "entries": list(store_of_citizen(id_number=id_number)[:200]),
            "lookups": list(store_lookups_of(id_number=id_number)[:100]),
        },
    )


@login_required
def my_document(request: HttpRequest, entry_id: int) -> HttpResponse:
    from motcua.documents.selectors import store_entry_of_citizen

    id_number = _confirmed_id_number(request)
    entry = store_entry_of_citizen(id_number=id_number, entry_id=entry_id)
    if entry is None:
        raise Http404
    return FileResponse(
        entry.file.open("rb"),
        as_attachment=True,
        filename=f"{entry.title[:60]}.pdf",
        content_type="application/pdf",
    )
