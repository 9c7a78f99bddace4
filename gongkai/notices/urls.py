"""Staff URLs of ``gongkai.notices``."""

from django.urls import URLPattern, URLResolver, path

from gongkai.notices import views

app_name = "notices"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<int:notice_id>/retry/", views.notice_retry, name="retry"),
]
