"""Staff URLs of ``gongkai.catalog`` (mounted at /staff/catalog/)."""

from django.urls import URLPattern, URLResolver, path

from gongkai.catalog import views

app_name = "catalog"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.record_list, name="list"),
    path("new/", views.record_new, name="new"),
    path("<int:record_id>/", views.record_detail, name="detail"),
    path("<int:record_id>/edit/", views.record_edit, name="edit"),
    path("<int:record_id>/submit/", views.record_submit, name="submit"),
    path("<int:record_id>/review/", views.record_review, name="review"),
    path("<int:record_id>/approve/", views.record_approve, name="approve"),
    path("<int:record_id>/publish/", views.record_publish, name="publish"),
    path("<int:record_id>/withdraw/", views.record_withdraw, name="withdraw"),
    path("<int:record_id>/repeal/", views.record_repeal, name="repeal"),
    path("<int:record_id>/revise/", views.record_revise, name="revise"),
    path("<int:record_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:record_id>/attachments/<int:attachment_id>/delete/", views.attachment_delete,
         name="attachment_delete"),
    path("<int:record_id>/attachments/arrange/", views.attachments_arrange, name="attachments_arrange"),
    path("<int:record_id>/attachments/<int:attachment_id>/", views.attachment_preview, name="attachment_preview"),
    path("<int:record_id>/attachments/<int:attachment_id>/file/", views.attachment_file, name="attachment_file"),
    path("<int:record_id>/preview/", views.record_preview, name="preview"),
    path("<int:record_id>/channels/", views.channel_add, name="channel_add"),
    path("agency/<int:agency_id>/categories/", views.categories, name="categories"),
    path("agency/<int:agency_id>/figures/", views.period_figures, name="figures"),
    path("agency/<int:agency_id>/channels/", views.channel_tallies, name="channel_tallies"),
]
