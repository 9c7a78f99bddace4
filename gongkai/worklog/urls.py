"""Staff URLs of ``gongkai.worklog``."""

from django.urls import URLPattern, URLResolver, path

from gongkai.worklog import views

app_name = "worklog"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.entry_list, name="list"),
    path("agency/<int:agency_id>/new/", views.entry_create, name="create"),
    path("entry/<int:entry_id>/", views.entry_edit, name="edit"),
    path("entry/<int:entry_id>/delete/", views.entry_delete, name="delete"),
]
