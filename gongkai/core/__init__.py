"""Core: the append-only event log, the time seam and shared base pieces; holds no domain rules."""
