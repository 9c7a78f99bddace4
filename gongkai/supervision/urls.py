"""Staff URLs of ``gongkai.supervision``."""

from django.urls import URLPattern, URLResolver, path

from gongkai.supervision import views

app_name = "supervision"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("<int:agency_id>/", views.figures, name="figures"),
    path("<int:agency_id>/export.xlsx", views.export, name="export"),
    path("case/<int:application_id>/", views.case, name="case"),
    path("case/<int:application_id>/note/", views.note_issue, name="note"),
    path("notes/<int:note_id>/ack/", views.note_acknowledge, name="ack"),
]
