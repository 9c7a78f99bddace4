"""Signal sent after the calendar data changed, so apps with open deadlines recompute them."""

from django.dispatch import Signal

# sent with: years (list[int]) — the years whose data changed
calendar_changed = Signal()
