"""Public URL of the applicant's notice settings."""

from django.urls import path

from gongkai.notices import public_views

app_name = "notices_public"
urlpatterns = [path("<str:code>/", public_views.consent_page, name="consent")]
