"""Rendering an annual report: one grid model of each official table (``grid``), drawn as HTML
(portal and PDF), DOCX (GB/T 9704 page set-up from ``gongkai.core.documents``) and XLSX."""
