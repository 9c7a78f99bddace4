"""The search index: one ``SearchEntry`` per indexed object, holding its space-joined jieba tokens,
plain text for snippets, and the filter columns (agency, category, topic, year, validity).

The full-text index over ``tokens`` is engine specific and created by migration 0002: an FTS5
virtual table ``search_fts`` (rowid = entry id) with its ``search_fts_vocab`` term counts on SQLite;
a stored tsvector column ``tsv`` with a GIN index, and the newest-first index ``search_entry_newest``
(published_on DESC NULLS LAST, id DESC), on PostgreSQL (migrations 0002–0004).
"""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    key = models.CharField(max_length=80, unique=True)  # "<object type>:<pk>"
    agency_id = models.BigIntegerField(db_index=True)
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True, default="")
    tokens = models.TextField(blank=True, default="")
    category = models.CharField(max_length=60, blank=True, default="")
    topic = models.CharField(max_length=60, blank=True, default="")
    year = models.PositiveIntegerField(null=True, blank=True)
    validity = models.CharField(max_length=12, blank=True, default="")
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["agency_id", "year"])]

    def __str__(self) -> str:
        return self.key
