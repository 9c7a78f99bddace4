"""Staff URLs of the standard directories."""

from django.urls import path

from gongkai.directories import views

app_name = "directories"
urlpatterns = [
    path("", views.directory_list, name="list"),
    path("compliance/", views.compliance, name="compliance"),
    path("<int:agency_id>/import/", views.directory_import, name="import"),
    path("items/<int:item_id>/link/", views.directory_link, name="link"),
]
