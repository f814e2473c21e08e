"""The province monitor's screens for public information pages (news, guides, FAQ)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.backoffice.views_catalog import _actor, monitor_required
from motcua.catalog.selectors import procedure_get
from motcua.information.models import Article
from motcua.information.selectors import article_get, article_list_all
from motcua.information.services import article_save


class ArticleForm(forms.ModelForm):
    procedure_codes = forms.CharField(
        label=gettext_lazy("Procedures (codes, separated by commas)"),
        required=False,
        max_length=2000,
    )

    class Meta:
        model = Article
        fields = ["kind", "slug", "title", "summary", "body", "is_published", "published_on"]
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}),
            "body": forms.Textarea(attrs={"rows": 10}),
        }

    def clean_procedure_codes(self) -> list[int]:
        ids = []
        for code in [
            c.strip() for c in self.cleaned_data["procedure_codes"].split(",") if c.strip()
        ]:
            procedure = procedure_get(code=code[:20])
            if procedure is None:
                raise forms.ValidationError(
                    _("Procedure %(code)s does not exist.") % {"code": code[:20]}
                )
            ids.append(procedure.pk)
        return ids


@monitor_required
def articles(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/information/list.html", {"articles": article_list_all()})


@monitor_required
def article_edit(request: HttpRequest, article_id: int | None = None) -> HttpResponse:
    article = None
    if article_id is not None:
        article = article_get(article_id=article_id)
        if article is None:
            raise Http404
    initial = (
        {"procedure_codes": ", ".join(p.code for p in article.procedures.all())} if article else {}
    )
    form = ArticleForm(request.POST or None, instance=article, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {key: form.cleaned_data[key] for key in ArticleForm.Meta.fields}
        saved = article_save(
            article_id=article.pk if article else None,
            fields=fields,
            procedure_ids=form.cleaned_data["procedure_codes"],
            actor_id=_actor(request),
        )
        messages.success(request, _("Page saved."))
        return redirect("backoffice:article_edit", saved.pk)
    return render(request, "backoffice/information/edit.html", {"form": form, "article": article})
