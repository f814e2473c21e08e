"""Digitisation at the desk: a scan (one PDF, or page images merged into one) per component of
a received dossier; the scan of a component, for the officers who may see the dossier; and the
desk's list of what is left to digitise (today's first)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.constants import PersonalDataKind
from motcua.backoffice.personal_data import dossier_looked_at, store_entry_looked_at
from motcua.backoffice.views_dossiers import _officer, _visible
from motcua.core.uploads import UploadRejectedError
from motcua.documents.scans import ScannedFile, scans_to_pdf
from motcua.documents.selectors import store_for_handling
from motcua.documents.services import document_digitise
from motcua.dossiers import services
from motcua.dossiers.selectors import dossiers_to_digitise

MAX_TOTAL_BYTES = 60 * 1024 * 1024


@login_required
@require_POST
def dossier_digitise(request: HttpRequest, dossier_id: int, document_id: int) -> HttpResponse:
    user = _officer(request)
    dossier = _visible(user, dossier_id)
    uploads = request.FILES.getlist("pages")
    try:
        if sum(u.size or 0 for u in uploads) > MAX_TOTAL_BYTES:
            raise UploadRejectedError(_("The pages are larger than 60 MB together."))
        pdf = scans_to_pdf([ScannedFile(u.name or "", u.read()) for u in uploads])
        document = document_digitise(
            actor=user,
            dossier_id=dossier.pk,
            document_id=document_id,
            content=ContentFile(pdf),
            display_name=(uploads[0].name or "") if len(uploads) == 1 else "",
            from_national_store=request.POST.get("from_national_store") == "on",
        )
    except (UploadRejectedError, services.DossierError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Digitised: %(name)s.") % {"name": document.name[:80]})
    return redirect("backoffice:dossier_detail", dossier.pk)


@login_required
def dossier_document_file(request: HttpRequest, dossier_id: int, document_id: int) -> HttpResponse:
    user = _officer(request)
    dossier = _visible(user, dossier_id)
    document = dossier.documents.filter(pk=document_id).exclude(file="").first()
    if document is None:
        raise Http404
    services.dossier_access_record(user=user, dossier=dossier, what=f"file:{document.pk}")
    dossier_looked_at(officer=user, dossier=dossier, purpose=f"file:{document.pk}",
                      kind=PersonalDataKind.DOSSIER_FILE)  # fmt: skip
    return FileResponse(
        document.file.open("rb"),
        filename=document.file_name or f"{document.pk}.pdf",
        content_type="application/pdf" if document.file.name.endswith(".pdf") else None,
    )


@login_required
def to_digitise(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    rows = dossiers_to_digitise(user=user)
    return render(
        request,
        "backoffice/dossiers/to_digitise.html",
        {
            "rows": rows,
            "today": sum(1 for r in rows if r.today),
            "components": sum(r.left for r in rows),
        },
    )


@login_required
def store_lookup(request: HttpRequest, dossier_id: int, entry_id: int) -> HttpResponse:
    """An officer of the deciding agency opens one of the applicant's stored documents while
    handling the dossier; the look-up is logged, and the person sees it."""
    from motcua.core.audit import audit_event_append

    user = _officer(request)
    dossier = _visible(user, dossier_id)
    entry = store_for_handling(user=user, dossier=dossier).filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    services.dossier_access_record(user=user, dossier=dossier, what=f"store:{entry.pk}")
    store_entry_looked_at(
        officer=user, dossier=dossier, entry_id=entry.pk, id_number=entry.id_number
    )
    audit_event_append(
        action="store.looked_up", actor_id=user.pk, object_type="dossier", object_id=dossier.pk,
        payload={"entry": entry.pk, "id_number_tail": entry.id_number[-2:]},
    )  # fmt: skip
    return FileResponse(entry.file.open("rb"), filename=f"{entry.title[:60]}.pdf",
                        content_type="application/pdf")  # fmt: skip
