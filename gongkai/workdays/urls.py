"""Staff URLs for the workday calendar."""

from django.urls import path

from gongkai.workdays import views

app_name = "workdays"
urlpatterns = [
    path("", views.year_list, name="list"),
    path("import/", views.notice_import, name="import"),
    path("<int:year>/", views.year_detail, name="year"),
]
