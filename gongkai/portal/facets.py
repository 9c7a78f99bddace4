"""The browse facets of an agency's 法定主动公开内容: counts per information category, per topic (first and
second level of the gov.cn 主题分类) and per year, read in three GROUP BY queries; the list's total derived
from them; and their repeated markup (the left tree's items and the 条件检索 options).

The markup is built here rather than in the template because it repeats two hundred times on a large
agency's page and is rebuilt after every publication (the counts change): Django's template loop spent
most of the page's time on it. The surrounding structure stays in ``portal/content.html``; every value is
escaped here exactly as the template escaped it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict
from urllib.parse import quote

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from gongkai.catalog.models import Record
from gongkai.catalog.taxonomy import TOP_LEVELS


class CategoryCount(TypedDict):
    category__id: int
    category__name: str
    category__ordering: int
    n: int


class TopicCount(TypedDict):
    topic: str
    n: int


class YearCount(TypedDict):
    y: int
    n: int


class Facets(TypedDict):
    categories: list[CategoryCount]
    topics: list[TopicCount]
    years: list[YearCount]


@dataclass
class TopicNode:
    """A first-level topic with its count (its own records and its second-level topics') and children."""

    topic: str
    n: int = 0
    children: list[TopicNode] = field(default_factory=list)
    label: str = ""


def counts(qs: QuerySet[Record]) -> Facets:
    """Per-category, per-topic and per-year counts of ``qs`` (three GROUP BY queries)."""
    return {
        "categories": list(qs.values("category__id", "category__name", "category__ordering")  # type: ignore[arg-type]
                           .annotate(n=Count("id")).order_by("category__ordering")),
        "topics": list(qs.values("topic").annotate(n=Count("id")).order_by("topic")),  # type: ignore[arg-type]
        "years": list(qs.annotate(y=ExtractYear("published_on")).values("y")  # type: ignore[arg-type]
                      .annotate(n=Count("id")).order_by("-y")),
    }


def topic_tree(topics: list[TopicCount]) -> list[TopicNode]:
    """First-level topics with their second-level children and counts (only topics that have records)."""
    tree: dict[str, TopicNode] = {}
    for row in topics:
        path = str(row["topic"] or "")
        top, _sep, sub = path.partition("\\")
        node = tree.setdefault(top, TopicNode(topic=top))
        node.n += row["n"]
        if sub:
            node.children.append(TopicNode(topic=path, n=row["n"], label=sub))
    order = {name: i for i, name in enumerate(TOP_LEVELS)}
    return sorted(tree.values(), key=lambda n: order.get(n.topic, len(order)))


def total(facets: Facets | None, category_id: int | None, topic: str, year: int | None) -> int | None:
    """The number of records the list shows, read from the facet counts when at most one of category,
    topic and year narrows it (the facets count the same records); None when a COUNT is needed."""
    if not facets or sum(x is not None and x != "" for x in (category_id, topic, year)) > 1:
        return None
    if category_id is not None:
        return sum(c["n"] for c in facets["categories"] if c["category__id"] == category_id)
    if topic in TOP_LEVELS:  # the list filters topic__startswith: the same test here
        return sum(t["n"] for t in facets["topics"] if str(t["topic"] or "").startswith(topic))
    if topic:
        return sum(t["n"] for t in facets["topics"] if t["topic"] == topic)
    if year is not None:
        return sum(y["n"] for y in facets["years"] if y["y"] == year)
    return sum(c["n"] for c in facets["categories"])


class Markup(TypedDict):
    category_items: SafeString
    topic_items: SafeString
    category_options: SafeString
    topic_options: SafeString
    year_options: SafeString


def markup(facets: Facets, tree: list[TopicNode], *, category: str, topic: str, year: str) -> Markup:
    """The repeated parts of the facet lists; ``category``/``topic``/``year`` are the selected values
    (as written in the query string, "" for none)."""

    def current(hit: bool) -> str:
        return ' aria-current="true"' if hit else ""

    def chosen(hit: bool) -> str:
        return " selected" if hit else ""

    cat_items, cat_options = [], []
    for c in facets["categories"]:
        cid, name, n = str(c["category__id"]), escape(c["category__name"]), c["n"]
        cat_items.append(f'<li><a href="?category={cid}"{current(category == cid)}>{name}</a> '
                         f'<span class="count">{n}</span></li>')
        cat_options.append(f'<option value="{cid}"{chosen(category == cid)}>{name}（{n}）</option>')
    topic_items, topic_options = [], []
    for node in tree:
        text = escape(node.topic)
        children = "".join(
            f'<li><a href="?topic={escape(quote(ch.topic, safe="/"))}"{current(topic == ch.topic)}>'
            f'{escape(ch.label)}</a> <span class="count">{ch.n}</span></li>' for ch in node.children)
        topic_items.append(f'<li><a href="?topic={escape(quote(node.topic, safe="/"))}"{current(topic == node.topic)}>'
                           f'{text}</a> <span class="count">{node.n}</span>\n'
                           f'{f"<ul>{children}</ul>" if children else ""}</li>\n')
        topic_options.append(f'<option value="{text}"{chosen(topic == node.topic)}>{text}（{node.n}）</option>')
        topic_options.extend(f'<option value="{escape(ch.topic)}"{chosen(topic == ch.topic)}>— {escape(ch.label)}'
                             f'（{ch.n}）</option>' for ch in node.children)
    if not tree:
        topic_items.append(f"<li>{escape(gettext('暂无信息'))}</li>")
    year_options = [f'<option value="{y["y"]}"{chosen(year == str(y["y"]))}>{y["y"]}（{y["n"]}）</option>'
                    for y in facets["years"]]
    return {"category_items": mark_safe("".join(cat_items)),  # escaped above, value by value
            "topic_items": mark_safe("".join(topic_items)),
            "category_options": mark_safe("".join(cat_options)),
            "topic_options": mark_safe("".join(topic_options)),
            "year_options": mark_safe("".join(year_options))}
