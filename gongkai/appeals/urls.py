"""Staff URLs of ``gongkai.appeals``."""

from django.urls import URLPattern, URLResolver, path

from gongkai.appeals import views

app_name = "appeals"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.appeal_list, name="list"),
    path("new/", views.appeal_new, name="new"),
    path("<int:appeal_id>/", views.appeal_detail, name="detail"),
    path("<int:appeal_id>/edit/", views.appeal_edit, name="edit"),
]
