"""Agencies: administrative organs in their hierarchy, issuer codes, 公开指南 data, memberships and roles."""
