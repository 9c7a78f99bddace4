"""Public URLs of ``gongkai.applications``: the online form, status pages, the fee calculator."""

from django.urls import URLPattern, URLResolver, path

from gongkai.applications import public_views as v

app_name = "apply"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", v.apply_form, name="form"),
    path("done/<str:code>/", v.apply_done, name="done"),
    path("status/", v.status_lookup, name="lookup"),
    path("status/<str:code>/", v.status_page, name="status"),
    path("status/<str:code>/letters/<int:letter_id>/<str:fmt>/", v.status_letter, name="letter"),
    path("fees/", v.fee_calculator, name="fees"),
]
