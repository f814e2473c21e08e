"""Root URL configuration: portal (citizens), back office (officers), the API, accounts, admin."""

from django.contrib import admin
from django.urls import include, path

from motcua.api.urls import api_urls

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("motcua.accounts.urls")),
    path("backoffice/", include("motcua.backoffice.urls")),
    path("api/v1/", api_urls()),
    path("", include("motcua.portal.urls")),
]
