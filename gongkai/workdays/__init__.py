"""Workdays: the statutory calendar (holidays and 调休 make-up workdays as yearly data), the parser of the
State Council's yearly holiday notice, and pure functions that count workdays (spec §8)."""
