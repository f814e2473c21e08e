"""The applicant completes a dossier online when the desk asked for a supplement (Mẫu 02)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.models import User
from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.selectors import dossier_get_for_citizen
from motcua.dossiers.services import (
    DossierError,
    dossier_submit_supplement,
    dossier_supplement_attach,
)


@login_required
@require_http_methods(["GET", "POST"])
def supplement(request: HttpRequest, dossier_id: int) -> HttpResponse:
    citizen = request.user
    assert isinstance(citizen, User)
    dossier = dossier_get_for_citizen(citizen=citizen, dossier_id=dossier_id)
    if dossier is None:
        raise Http404
    if request.method == "POST":
        try:
            if "send" in request.POST:
                dossier_submit_supplement(
                    actor=citizen,
                    dossier_id=dossier.pk,
                    note=request.POST.get("note", "")[:1000],
                    revision=int(request.POST.get("revision", "-1")),
                )
                messages.success(request, _("Your supplement was sent; processing continues."))
                return redirect("portal:account")
            upload = request.FILES.get("file")
            document_id = request.POST.get("document", "")
            if upload is None or not document_id.isdigit():
                raise DossierError(_("Choose a file to send."))
            dossier_supplement_attach(
                citizen=citizen,
                dossier_id=dossier.pk,
                required_document_id=int(document_id),
                upload=upload,
            )
            messages.success(request, _("The file was added."))
        except (DossierError, ValueError) as error:
            messages.error(request, str(error))
        return redirect("portal:supplement", dossier.pk)
    request_ = dossier.supplements.order_by("-ordinal").first()
    return render(
        request,
        "portal/supplement.html",
        {
            "dossier": dossier,
            "request_": request_,
            "waiting": dossier.status == DossierStatus.AWAITING_SUPPLEMENT,
            "documents": dossier.procedure_version.documents.all(),
            "sent": dossier.documents.exclude(file="").order_by("-pk")[:20],
        },
    )
