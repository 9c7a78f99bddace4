"""Notices to applicants and staff (issue 14 item 2): e-mail and SMS sends planned from the event log."""
