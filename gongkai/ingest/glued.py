"""Glued digit runs: cell values printed with no separator, split by the form's own rules (constraint search).

Some sites (and PDF text layers) print a table row's cells as one run of digits: "831000185" for
83 | 1 | 0 | 0 | 0 | 1 | 85. Nothing in the run says where one cell ends, so a split is accepted only
when the form's rules hold: the applicant columns of Table 3 sum to 总计 (R3), a Table 4 group's four
results sum to its 总计, rows 一+二 = 三+四 and the outcome rows sum to （七）总计 per column (R1, R2),
and in a 2008-era local 统计表 the year's figure is not larger than the running total (历年累计). Every
split that satisfies every rule is returned; the caller keeps a figure only when exactly one split
survives and otherwise marks the cells unsure with the alternatives — a split is never picked silently.
Search is depth-first with pruning (no leading zeros, at most ``max_len`` digits per cell, the running
sum never above the last part), so a 20-digit row costs well under a millisecond.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence

MAX_CANDIDATES = 64  # more splits than this and the run is left as raw text: no person can choose among them
_DIGITS = frozenset("0123456789")


def is_digit_run(text: str, *, min_len: int) -> bool:
    s = text.strip()
    return len(s) >= min_len and set(s) <= _DIGITS


def _parts(digits: str, k: int, max_len: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut ``digits`` into ``k`` numbers without leading zeros (depth-first)."""
    n = len(digits)
    if k == 1:
        if n <= max_len and (n == 1 or digits[0] != "0"):
            yield (int(digits),)
        return
    # Leave at least one digit per remaining part; a part starting with 0 is the single digit 0.
    longest = 1 if digits[0] == "0" else min(max_len, n - (k - 1))
    for size in range(1, longest + 1):
        head = int(digits[:size])
        for tail in _parts(digits[size:], k - 1, max_len):
            yield (head, *tail)


def _parts_summing(digits: str, k: int, target: int, max_len: int,
                   memo: dict[tuple[int, int, int], list[tuple[int, ...]]], at: int = 0) -> list[tuple[int, ...]]:
    """Cuts of ``digits[at:]`` into ``k`` numbers (no leading zeros) that add up to ``target``. A part is
    never larger than what is left of the target, and suffixes are memoised, so the search stays small."""
    key = (at, k, target)
    if key in memo:
        return memo[key]
    n = len(digits) - at
    out: list[tuple[int, ...]] = []
    width = len(str(target))
    if n > k * min(width, max_len):  # too many digits left: some part would exceed the target
        memo[key] = out
        return out
    if k == 1:
        if n <= max_len and (n == 1 or digits[at] != "0") and int(digits[at:]) == target:
            out.append((target,))
    else:
        longest = 1 if digits[at] == "0" else min(max_len, n - (k - 1), len(str(target)))
        for size in range(1, longest + 1):
            head = int(digits[at:at + size])
            if head > target:
                break
            for tail in _parts_summing(digits, k - 1, target - head, max_len, memo, at + size):
                out.append((head, *tail))
                if len(out) > MAX_CANDIDATES:
                    break
    memo[key] = out
    return out


def split_with_total(digits: str, k: int, *, max_len: int = 7) -> list[tuple[int, ...]]:
    """Splits of a run into ``k`` cells whose first ``k - 1`` add up to the last (a row and its 总计)."""
    if not set(digits) <= _DIGITS or not (k <= len(digits) <= k * max_len):
        return []
    out: list[tuple[int, ...]] = []
    for t_len in range(1, min(max_len, len(digits) - (k - 1)) + 1):
        tail = digits[-t_len:]
        if t_len > 1 and tail[0] == "0":
            continue
        total = int(tail)
        for parts in _parts_summing(digits[:-t_len], k - 1, total, max_len, {}):
            out.append((*parts, total))
            if len(out) > MAX_CANDIDATES:
                return []
    return out


def split_groups_with_totals(digits: str, groups: int, size: int, *, max_len: int = 6) -> list[tuple[int, ...]]:
    """Table 4: ``groups`` groups of ``size`` cells, each group's last cell the sum of the others."""
    if not set(digits) <= _DIGITS:
        return []
    out: list[tuple[int, ...]] = []
    too_many = False

    def walk(rest: str, g: int, acc: tuple[int, ...]) -> None:
        nonlocal too_many
        if too_many:
            return
        if g == groups:
            if not rest:
                out.append(acc)
                too_many = len(out) > MAX_CANDIDATES
            return
        left = groups - g - 1
        for cut in range(size, min(len(rest) - left * size, size * max_len) + 1):
            for parts in split_with_total(rest[:cut], size, max_len=max_len):
                walk(rest[cut:], g + 1, acc + parts)

    walk(digits, 0, ())
    return [] if too_many else out


def split_plain(digits: str, k: int, *, max_len: int = 7) -> list[tuple[int, ...]]:
    """A row with no rule between its cells (Table 2 of the 2019 and 2021 forms): every cut into ``k`` numbers
    without leading zeros ("3050" → 3|0|50 or 30|5|0). Empty when there are more than ``MAX_CANDIDATES``."""
    if not set(digits) <= _DIGITS or not (k <= len(digits) <= k * max_len):
        return []
    out = list(itertools.islice(_parts(digits, k, max_len), MAX_CANDIDATES + 1))
    return [] if len(out) > MAX_CANDIDATES else out


def split_year_and_running_total(digits: str, *, max_len: int = 9) -> list[tuple[int, int]]:
    """A 2008-era 统计表 row "本年度 | 历年累计" glued: every (year, running total) with year ≤ total."""
    if not set(digits) <= _DIGITS or len(digits) < 2:
        return []
    return [(a, b) for a, b in _parts(digits, 2, max_len) if a <= b]  # type: ignore[misc]


def narrow_by_column_sums(
    candidates: Mapping[str, Sequence[tuple[int, ...]]],
    fixed: Mapping[str, tuple[int | None, ...]],
    equations: Sequence[tuple[Sequence[str], Sequence[str]]],
    *,
    limit: int = 200_000,
) -> dict[str, list[tuple[int, ...]]]:
    """Keep, per glued row, the splits that take part in at least one assignment of all glued rows under
    which every column equation ``sum(left rows) == sum(right rows)`` holds. ``fixed`` rows are known
    (None cells count as unknown: an equation touching one is not checked). Rows absent from both maps
    make an equation uncheckable, so it is skipped. Gives up (returns the input) past ``limit`` combinations.
    """
    rows = [r for r in candidates if candidates[r]]
    usable = [(lft, rgt) for lft, rgt in equations
              if all(r in candidates or r in fixed for r in (*lft, *rgt))
              and any(r in candidates for r in (*lft, *rgt))]
    if not rows or not usable:
        return {r: list(c) for r, c in candidates.items()}
    total = 1
    for r in rows:
        total *= len(candidates[r])
    if total > limit:
        return {r: list(c) for r, c in candidates.items()}
    width = len(next(iter(candidates[rows[0]])))
    keep: dict[str, set[tuple[int, ...]]] = {r: set() for r in rows}
    for combo in itertools.product(*(candidates[r] for r in rows)):
        chosen = dict(zip(rows, combo, strict=True))

        def val(r: str, c: int, chosen: dict[str, tuple[int, ...]] = chosen) -> int | None:
            if r in chosen:
                return chosen[r][c]
            row = fixed.get(r)
            return row[c] if row is not None else None

        ok = True
        for lft, rgt in usable:
            for c in range(width):
                vals_l = [val(r, c) for r in lft]
                vals_r = [val(r, c) for r in rgt]
                if None in vals_l or None in vals_r:
                    continue
                if sum(v for v in vals_l if v is not None) != sum(v for v in vals_r if v is not None):
                    ok = False
                    break
            if not ok:
                break
        if ok:
            for r in rows:
                keep[r].add(chosen[r])
    return {r: [c for c in candidates[r] if c in keep.get(r, set())] if r in keep else list(candidates[r])
            for r in candidates}


def narrow_by_rules(
    candidates: Mapping[str, Sequence[tuple[int, ...]]],
    fixed: Mapping[str, tuple[int | None, ...]],
    equations: Sequence[tuple[Sequence[str], Sequence[str]]],
    parts: Sequence[tuple[str, str]] = (),
) -> dict[str, list[tuple[int, ...]]]:
    """Narrow glued rows one rule at a time until nothing changes: each equation as in
    ``narrow_by_column_sums`` (its own rows only, so a table with many glued rows stays small), and each
    (part, whole) pair drops a split of the part larger than every possible whole (or of the whole smaller
    than every possible part) in some column. A row whose splits all fall is given back its splits (the
    published table itself breaks a rule, so the rules cannot choose)."""
    cands = {r: list(c) for r, c in candidates.items()}

    def options(r: str) -> list[tuple[int | None, ...]] | None:
        if r in cands:
            return list(cands[r])
        row = fixed.get(r)
        return [row] if row is not None else None

    changed = True
    while changed:
        changed = False
        for eq in equations:
            rows = [r for r in (*eq[0], *eq[1]) if r in cands]
            if not rows:
                continue
            sub = narrow_by_column_sums({r: cands[r] for r in rows}, fixed, [eq])
            for r in rows:
                if sub[r] and len(sub[r]) < len(cands[r]):
                    cands[r] = sub[r]
                    changed = True
        for part, whole in parts:
            po, wo = options(part), options(whole)
            if po is None or wo is None or (part not in cands and whole not in cands):
                continue

            def fits(a: tuple[int | None, ...], b: tuple[int | None, ...]) -> bool:
                return all(x is None or y is None or x <= y for x, y in zip(a, b, strict=True))

            if part in cands:
                kept = [a for a in cands[part] if any(fits(a, b) for b in wo)]
                if kept and len(kept) < len(cands[part]):
                    cands[part], changed = kept, True
            if whole in cands:
                po = options(part) or []
                kept = [b for b in cands[whole] if any(fits(a, b) for a in po)]
                if kept and len(kept) < len(cands[whole]):
                    cands[whole], changed = kept, True
    return cands
