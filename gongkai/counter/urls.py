"""Staff URLs of ``gongkai.counter``."""

from django.urls import URLPattern, URLResolver, path

from gongkai.counter import views

app_name = "counter"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.batch, name="batch"),
    path("receipts/", views.receipts, name="receipts"),
    path("receipt/<int:application_id>/", views.receipt, name="receipt"),
]
