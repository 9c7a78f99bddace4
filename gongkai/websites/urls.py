"""Staff URLs of the website annual report."""

from django.urls import path

from gongkai.websites import views

app_name = "websites"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("agency/<int:agency_id>/create/", views.report_create, name="create"),
    path("<int:website_report_id>/", views.report_detail, name="detail"),
    path("<int:website_report_id>/edit/", views.report_edit, name="edit"),
    path("<int:website_report_id>/act/", views.report_act, name="act"),
]
