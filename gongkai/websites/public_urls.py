"""Public URL of a published website annual report (linked from the portal home page)."""

from django.urls import path

from gongkai.websites import views

app_name = "wangzhan"
urlpatterns = [path("<int:website_report_id>/", views.public_report, name="report")]
