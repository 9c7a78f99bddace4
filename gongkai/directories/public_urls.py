"""Public URL of an agency's standard directory (linked from its 政府信息公开 column)."""

from django.urls import path

from gongkai.directories import views

app_name = "directory"
urlpatterns = [path("<int:agency_id>/", views.public_directory, name="agency")]
