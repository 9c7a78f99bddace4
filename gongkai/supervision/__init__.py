"""Supervision (督办) of subordinate agencies' applications by a superior office (issue 14 item 3)."""
