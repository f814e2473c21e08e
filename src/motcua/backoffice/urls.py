from django.urls import path

from motcua.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/manage/", views.agency_manage, name="agency_manage"),
]
