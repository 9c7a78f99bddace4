"""Staff URLs for agencies."""

from django.urls import path

from gongkai.agencies import views

app_name = "agencies"
urlpatterns = [
    path("", views.agency_list, name="list"),
    path("export.csv", views.agency_export, name="export"),
    path("lockouts/", views.lockouts, name="lockouts-all"),
    path("enrolments/", views.enrolment_list, name="enrolments"),
    path("enrolments/<int:request_id>/decide/", views.enrolment_decide, name="enrolment-decide"),
    path("<int:agency_id>/", views.agency_detail, name="detail"),
    path("<int:agency_id>/edit/", views.agency_edit, name="edit"),
    path("<int:agency_id>/members/", views.member_add, name="member-add"),
    path("<int:agency_id>/members/<int:membership_id>/remove/", views.member_remove, name="member-remove"),
    path("<int:agency_id>/superior-viewers/", views.superior_grant, name="superior-grant"),
    path("<int:agency_id>/lockouts/", views.lockouts, name="lockouts"),
]
