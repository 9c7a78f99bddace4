"""Staff URLs of ``gongkai.applications``."""

from django.urls import URLPattern, URLResolver, path

from gongkai.applications import desk_views, views

app_name = "applications"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.application_list, name="list"),
    path("new/", views.application_new, name="new"),
    path("<int:application_id>/", views.application_detail, name="detail"),
    path("<int:application_id>/act/<str:action>/", views.application_act, name="act"),
    path("<int:application_id>/guided/", desk_views.guided_answer, name="guided"),
    path("<int:application_id>/deliver/", views.letter_deliver, name="deliver"),
    path("<int:application_id>/identity/", views.identity_reveal, name="identity"),
    path("<int:application_id>/letters/<int:letter_id>/build/", views.letter_files_retry, name="letter_build"),
    path("<int:application_id>/letters/<int:letter_id>/regenerate/", views.letter_regenerate,
         name="letter_regenerate"),
    path("<int:application_id>/letters/<int:letter_id>/<str:fmt>/", views.letter_file, name="letter"),
    path("templates/<int:agency_id>/", views.letter_templates, name="templates"),
]
