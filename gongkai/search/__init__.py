"""gongkai.search: Chinese full-text search (jieba tokens → SQLite FTS5 | PostgreSQL tsvector).

Use ``gongkai.search.backends.index_document`` / ``remove_document`` / ``search``.
"""
