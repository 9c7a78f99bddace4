"""The search index: one ``SearchEntry`` per indexed object, holding its space-joined jieba tokens,
plain text for snippets, and the filter columns (agency, category, topic, year, validity).

The full-text index over ``tokens`` is engine specific and created by migrations: an FTS5 virtual table
``search_fts`` (rowid = entry id, filter values as synthetic terms) on SQLite; on PostgreSQL the narrow
table ``search_posting`` (entry id, published_on, filter columns, tsvector; GIN and newest-first indexes;
migration 0005, ADR 0018), written by ``search.backends`` beside each entry and read instead of these wide
rows.
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
