"""Staff workspace tests: authoring, confidentiality review, role-aware pages, the dashboard, no developer strings."""
