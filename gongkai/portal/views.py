"""Public portal views: every page is server-rendered and readable without JavaScript.

Only published records appear; records whose 公开属性 is not 主动公开 show their catalog metadata
but not their content (with a pointer to 依申请公开). Counts come from the database (``Paginator``).
Rendered pages are cached per agency catalog version (``gongkai.portal.cache``), so a publication,
withdrawal, revision or category/agency edit shows on the next request after it commits.
"""

from __future__ import annotations

import hashlib
from typing import Any, cast
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

from gongkai.agencies.models import Agency, Level
from gongkai.applications import fees
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Attachment, ChannelPublication, InfoCategory, Record
from gongkai.catalog.rules import (
    ANNUAL_REPORT,
    DEFAULT_CATEGORIES,
    DISCLOSURE_RULES,
    Art20Kind,
    Disclosure,
    Validity,
)
from gongkai.catalog.selectors import public_records
from gongkai.catalog.taxonomy import TOP_LEVELS, TOPIC_PATHS
from gongkai.core import uploads
from gongkai.core.params import page_number, query_id, query_year
from gongkai.portal import cache as portal_cache
from gongkai.portal import facets, site
from gongkai.portal.cache import (
    PAGED,
    QueryParams,
    agency_scope,
    agency_version,
    cached_page,
    canonical_query,
    norm_choice,
    norm_id,
    norm_page,
    norm_uncached,
    norm_year,
    not_cacheable,
    platform_scope,
    record_scope,
)
from gongkai.portal.filters import PUBLIC_VALIDITY_KEYS, PolicyFilterForm, RecordFilterForm, validity_label
from gongkai.reports.data import ReportData
from gongkai.reports.report_charts import year_trend
from gongkai.reports.selectors import public_reports
from gongkai.search.backends import search

PAGE_SIZE = 20
# The query parameters the content page reads; the page cache keys on exactly these (canonical form).
CONTENT_PARAMS: QueryParams = {"page": norm_page, "category": norm_id, "year": norm_year,
                               "topic": norm_choice(frozenset(TOP_LEVELS) | frozenset(TOPIC_PATHS)),
                               "validity": norm_choice(PUBLIC_VALIDITY_KEYS),
                               # Free text and date ranges are served fresh, never stored (bounded keys).
                               "q": norm_uncached, "doc_number": norm_uncached, "issuer": norm_uncached,
                               "date_from": norm_uncached, "date_to": norm_uncached}
# The browse facets' counts are GROUP BY results cached this long per catalog version; list totals are live.
FACET_SECONDS = 60
# Rendered list rows, kept under a digest of what they show (``_rows``).
ROW_TEMPLATE = "portal/_record_row.html"
ROW_SECONDS = 600
_PLAIN_VALIDITY = frozenset({"", *PUBLIC_VALIDITY_KEYS})
_FILTER_FIELDS: dict[str, str] = {}


def _agency(agency_id: int) -> Agency:
    return get_object_or_404(Agency, pk=agency_id, is_active=True)


class _CountedPaginator(Paginator):
    """A paginator told its total (from the facet counts the page has already read): no COUNT query."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, total: int) -> None:
        super().__init__(object_list, per_page)
        self.total = total

    @cached_property
    def count(self) -> int:
        return self.total


def _page(request: HttpRequest, qs: QuerySet[Any], size: int = PAGE_SIZE, total: int | None = None) -> Page[Any]:
    number = page_number(request.GET.get("page"))
    paginator = Paginator(qs, size) if total is None else _CountedPaginator(qs, size, total)
    page = paginator.get_page(number)
    if page.number != number:
        not_cacheable(request)
    return page


def _pager_query(request: HttpRequest, params: QueryParams) -> str:
    """The page's other declared parameters for the pager links (never the raw query string, so a
    cached page cannot carry a visitor's junk parameters to the next visitor)."""
    others = {k: v for k, v in params.items() if k != "page"}
    canonical = canonical_query(request, others)
    if canonical is not None:
        return canonical
    # A page that is never stored (free text, dates): keep the declared parameters as typed.
    return urlencode({k: request.GET[k][:100] for k in sorted(others) if request.GET.get(k, "").strip()})


@cached_page(platform_scope)
def home(request: HttpRequest) -> HttpResponse:
    agencies = list(Agency.objects.filter(is_active=True).order_by("path", "ordering"))
    levels = [(label, [a for a in agencies if a.level == value]) for value, label in Level.choices]
    latest = public_records().select_related("agency").defer("body", "summary").order_by("-published_at", "-id")[:10]
    return render(request, "portal/home.html", {
        "levels": [(label, items) for label, items in levels if items], "latest": latest,
    })


@cached_page(agency_scope)
def agency_home(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = _agency(agency_id)
    latest = (public_records().filter(agency=agency).select_related("category").defer("body", "summary")
              .order_by("-published_at", "-id")[:10])
    return render(request, "portal/agency.html", {"agency": agency, "latest": latest, "column": "home"})


@cached_page(agency_scope)
def guide(request: HttpRequest, agency_id: int) -> HttpResponse:
    """政府信息公开指南, generated from the agency's own fields so it is always in step."""
    agency = _agency(agency_id)
    categories = InfoCategory.objects.filter(agency=agency).order_by("ordering", "id")
    # Absolute links from the configured site address (SiteSettings.base_url / GONGKAI_SITE_DOMAIN), never
    # the request's host: the guide is printed and copied into other sites.
    return render(request, "portal/guide.html", {
        "agency": agency, "categories": categories, "column": "guide",
        "apply_url": site.absolute(reverse("apply:form") + f"?agency={agency.pk}"),
        "lookup_url": site.absolute(reverse("apply:lookup")),
        "fees_url": site.absolute(reverse("apply:fees")),
        "content_url": site.absolute(reverse("portal:content", args=[agency.pk])),
        "fee_source": fees.SOURCE, "piece_bands": fees.bands("pieces"), "page_bands": fees.bands("pages"),
    })


def _category_list(request: HttpRequest, agency: Agency, category_name: str, column: str,
                   template: str) -> HttpResponse:
    page = _page(request, _list_rows(public_records().filter(agency=agency, category__name=category_name)))
    return render(request, template, {"agency": agency, "page": page, "rows": _rows(page), "column": column,
                                      "column_title": category_name, "pager_query": ""})


@cached_page(agency_scope, PAGED)
def rules(request: HttpRequest, agency_id: int) -> HttpResponse:
    return _category_list(request, _agency(agency_id), DISCLOSURE_RULES, "rules", "portal/category_list.html")


def annual_reports(request: HttpRequest, agency_id: int) -> HttpResponse:
    """政府信息公开年报 of one agency: its published annual reports by year (the official form on
    /nianbao/), then any report documents published as catalog records. Not page-cached: publishing a
    report does not bump the catalog version."""
    agency = _agency(agency_id)
    reports = list(public_reports().filter(agency=agency).order_by("-year", "-version")[:200])
    latest: dict[int, ReportData] = {}
    for r in reports:  # newest version first: keep one per year
        if r.year not in latest and r.data:
            latest[r.year] = ReportData.from_json(r.data)
    trend = year_trend(list(latest.items()))
    page = _page(request, _list_rows(public_records().filter(agency=agency, category__name=ANNUAL_REPORT)))
    return render(request, "portal/annual_reports.html", {
        "agency": agency, "reports": reports, "page": page, "rows": _rows(page), "column": "annual_reports",
        "trend": trend,
        "column_title": ANNUAL_REPORT, "pager_query": ""})


@cached_page(agency_scope, CONTENT_PARAMS)
def content(request: HttpRequest, agency_id: int) -> HttpResponse:
    """法定主动公开内容: a left tree of categories and topics with counts, 条件检索 (date range, category,
    topic, issuer, 文号, validity, year) and a paged list with 索引号, 发布机构, dates and 有效性."""
    agency = _agency(agency_id)
    qs = public_records().filter(agency=agency)
    topic = request.GET.get("topic", "")
    # Keyed by the agency's catalog version, so a publication, withdrawal or category edit shows at once.
    version = agency_version(request, agency.pk)
    counts = _facet_counts(qs, agency.pk, version)
    category_id = query_id(request, "category")  # 400 for a value that cannot be a category
    if category_id is not None:
        qs = qs.filter(category_id=category_id)
    if topic in TOP_LEVELS:
        qs = qs.filter(topic__startswith=topic)
    elif topic:
        qs = qs.filter(topic=topic)
    year_value = query_year(request)
    if year_value is not None:
        qs = qs.filter(published_on__year=year_value)
    form = RecordFilterForm(request.GET or None)
    qs = form.apply(qs)
    if (category_id is not None and category_id not in {c["category__id"] for c in counts["categories"]}) or (
            year_value is not None and year_value not in {y["y"] for y in counts["years"]}):
        not_cacheable(request)
    filtered = form.is_valid() and any(form.cleaned_data.values())
    total = None if filtered else facets.total(counts, category_id, topic, year_value)
    page = _page(request, _list_rows(qs), total=total)
    tree = facets.topic_tree(counts["topics"])
    selected = {"category": str(category_id or ""), "topic": topic, "year": str(year_value or "")}
    return render(request, "portal/content.html", {
        "agency": agency, "page": page, "rows": _rows(page), "form_fields": _filter_fields(form),
        "facets": facets.markup(counts, tree, **selected),
        "pager_query": _pager_query(request, CONTENT_PARAMS),
        "column": "content",
        "selected": selected,
    })


def _facet_counts(qs: QuerySet[Record], agency_id: int, version: int | None) -> facets.Facets:
    """The facet counts of ``qs``, kept ``FACET_SECONDS`` per catalog version of the agency."""
    if version is None or not portal_cache.enabled():
        return facets.counts(qs)
    kept = cache.get_or_set(f"portal:facets:{agency_id}:{version}", lambda: facets.counts(qs), FACET_SECONDS)
    return cast(facets.Facets, kept)


# What a list row shows (``portal/_record_row.html``, ``_row_key``, ``validity_label``): nothing else is read.
LIST_FIELDS = ("id", "index_number", "title", "doc_number", "issuing_organ", "written_on", "published_on",
               "published_at", "validity", "replaced_by_id", "agency__name")


def _list_rows(qs: QuerySet[Record]) -> QuerySet[Record]:
    """``qs`` newest first, reading only the columns a list row shows."""
    return qs.select_related("agency").only(*LIST_FIELDS).order_by("-published_at", "-id")


def _rows(page: Page[Any]) -> list[dict[str, Any]]:
    """List rows: each record, its public validity label (现行有效/已修改/已失效/已废止) and its rendered
    table row. A row shows only the record's own fields, so its HTML is kept under a digest of exactly
    those (content-addressed: no write can make a kept row wrong, and a publication leaves the other rows
    of the list reusable); only missing rows are rendered."""
    rows = [{"record": r, "validity": validity_label(r)} for r in page]
    keys = [_row_key(row["record"], row["validity"]) for row in rows]
    kept: dict[str, str] = cache.get_many(keys) if portal_cache.enabled() else {}
    fresh: dict[str, str] = {}
    template = get_template(ROW_TEMPLATE)
    for key, row in zip(keys, rows, strict=True):
        html = kept.get(key)
        if html is None:
            html = fresh[key] = template.render({"r": row["record"], "validity": row["validity"]})
        row["html"] = mark_safe(html)  # our own template's output, escaped when it was rendered
    if fresh and portal_cache.enabled():
        cache.set_many(fresh, ROW_SECONDS)
    return rows


def _row_key(record: Any, validity: str) -> str:
    shown = (record.pk, record.index_number, record.title, record.doc_number, record.organ_name,
             record.written_on, record.published_on, validity)
    return "portal:row:" + hashlib.sha1(repr(shown).encode()).hexdigest()


def _filter_fields(form: RecordFilterForm) -> str:
    """The 条件检索 fields as HTML. Their markup depends only on the values typed, so the rendering of a form
    with no free text and no error (every cacheable list page: at most a validity chosen) is kept per
    process; anything else is rendered each time."""
    data = form.data if form.is_bound else {}
    key = str(data.get("validity", ""))
    plain = not form.errors and key in _PLAIN_VALIDITY and not any(
        str(data.get(name, "")).strip() for name in form.fields if name != "validity")
    html = _FILTER_FIELDS.get(key) if plain else None
    if html is None:
        html = render_to_string("portal/_filter_fields.html", {"form": form})
        if plain:
            _FILTER_FIELDS[key] = html
    return mark_safe(html)  # our own template's output


@cached_page(record_scope)
def record_page(request: HttpRequest, record_id: int) -> HttpResponse:
    """One record. The record query also says (EXISTS, one index probe each) whether the record has
    attachments, other channels, interpretations or records it replaced, so a record without them — most —
    costs one query. Each link is its own indexed query: an OR of two foreign keys is a full scan on SQLite."""
    published = public_records()
    record = get_object_or_404(published.select_related("agency", "category").annotate(
        has_attachments=Exists(Attachment.objects.filter(record=OuterRef("pk"))),
        has_channels=Exists(ChannelPublication.objects.filter(record=OuterRef("pk"))),
        has_interpretations=Exists(published.filter(interprets=OuterRef("pk"))),
        has_replaces=Exists(published.filter(replaced_by=OuterRef("pk")))),
        pk=record_id)
    shows_content = record.disclosure == Disclosure.PROACTIVE
    # Related records (policy ↔ interpretations, replaced ↔ replacing), each lookup on its own index.
    fields = ("pk", "title", "interprets_id", "replaced_by_id", "summary", "published_on", "doc_number")
    links: list[dict[str, Any]] = []
    outbound = [pk for pk in (record.interprets_id, record.replaced_by_id) if pk]
    if outbound:
        links += published.filter(pk__in=outbound).values(*fields)
    if _flag(record, "has_interpretations"):
        links += published.filter(interprets=record).values(*fields)
    if _flag(record, "has_replaces"):
        links += published.filter(replaced_by=record).values(*fields)
    return render(request, "portal/record.html", {
        "agency": record.agency, "record": record, "shows_content": shows_content, "column": "content",
        "validity": validity_label(record),
        "attachments": (list(record.attachments.values("pk", "name", "title", "kind", "size"))
                        if shows_content and _flag(record, "has_attachments") else []),
        "interprets": next((r for r in links if r["pk"] == record.interprets_id), None),
        "replaced_by": next((r for r in links if r["pk"] == record.replaced_by_id), None),
        "interpretations": [r for r in links if r["interprets_id"] == record.pk],
        "replaces": [r for r in links if r["replaced_by_id"] == record.pk],
        "revisions": list(record.revisions.all()) if record.revision_count else [],
        "channels": list(record.channel_publications.all()) if _flag(record, "has_channels") else [],
    })


def _flag(record: Record, name: str) -> bool:
    """An EXISTS annotation of the record query (django-stubs does not type annotations on an instance)."""
    return bool(getattr(record, name))


def attachment_download(request: HttpRequest, record_id: int, attachment_id: int) -> FileResponse:
    record = get_object_or_404(public_records(), pk=record_id, disclosure=Disclosure.PROACTIVE)
    item = catalog_services.attachment_public_file(
        attachment=get_object_or_404(Attachment, pk=attachment_id, record=record))
    if not item.public_file:  # never the original: it may carry authors, comments or GPS (core.scrub)
        raise Http404("no public copy")
    try:
        handle = item.public_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("file missing") from exc
    # Content type from the kind checked at upload, nosniff; only vetted PDFs and images open inline.
    return uploads.file_response(handle, kind=item.kind, name=item.name)


def search_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    agency_id = query_id(request, "agency")
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first() if agency_id else None
    year_value = query_year(request)
    year = str(year_value or "")
    validity = request.GET.get("validity", "")
    page_no = page_number(request.GET.get("page"))
    results = None
    if q:
        results = search(q, agency=agency.pk if agency else None, year=year_value,
                         validity=validity if validity in Validity.values else "",
                         category=request.GET.get("category", "")[:60], topic=request.GET.get("topic", "")[:60],
                         limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE)
    return render(request, "portal/search.html", {
        "q": q, "results": results, "agency": agency, "year": year, "validity": validity,
        "validities": Validity.choices, "page_no": page_no,
        "category": request.GET.get("category", "")[:60], "topic": request.GET.get("topic", "")[:60],
        "categories": DEFAULT_CATEGORIES, "topics": TOPIC_PATHS,
        "has_next": bool(results and results.total > page_no * PAGE_SIZE),
        "agencies": search_agencies(agency),
        "agencies_narrowed": Agency.objects.filter(is_active=True).count() > SEARCH_AGENCY_LIMIT,
    })


# Above this many agencies the search form's 机关 list is narrowed: a province's 10,000 <option>s would make
# every search page ~700 KB and a list nobody can scroll.
SEARCH_AGENCY_LIMIT = 300


def search_agencies(selected: Agency | None) -> list[Agency]:
    """The search form's 机关 choices. A site with up to ``SEARCH_AGENCY_LIMIT`` agencies lists them all.
    A larger one lists the top two levels, the chosen agency's superiors and its direct subordinates, so a
    visitor narrows the scope one level at a time (a search with an agency covers that agency only)."""
    active = Agency.objects.filter(is_active=True).only("id", "name", "path", "parent_id")
    if active.count() > SEARCH_AGENCY_LIMIT:
        near = Q(parent__isnull=True) | Q(parent__parent__isnull=True)
        if selected is not None:
            near |= Q(pk__in=_path_ids(selected)) | Q(parent_id=selected.pk)
        active = active.filter(near)
    # Tree order by the path's ids as numbers: each superior before its subordinates (as text "/1/10/" would
    # sort before "/1/2/").
    return sorted(active, key=_path_ids)


def _path_ids(agency: Agency) -> list[int]:
    return [int(part) for part in agency.path.strip("/").split("/") if part.isdigit()]



def agency_index(request: HttpRequest) -> HttpResponse:
    """政府信息公开: every agency's column, grouped by level, with direct links to its standard parts."""
    agencies = list(Agency.objects.filter(is_active=True).order_by("path", "ordering"))
    levels = [(label, [a for a in agencies if a.level == value]) for value, label in Level.choices]
    return render(request, "portal/agencies.html", {"levels": [(label, items) for label, items in levels if items]})


POLICY_PAGE_SIZE = 20


def policies(request: HttpRequest) -> HttpResponse:
    """政策文件库: 规章 and 行政规范性文件 of every agency, with 现行有效/已修改/已失效/已废止 on each row and
    as a filter, and each policy's 解读 linked beside it."""
    form = PolicyFilterForm(request.GET or None)
    agency_id = query_id(request, "agency")
    qs = (public_records().filter(kind__in=[Art20Kind.REGULATION, Art20Kind.NORMATIVE])
          .select_related("agency").defer("body"))
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    qs = form.apply(qs)
    page = _page(request, qs.order_by("-published_at", "-id"), POLICY_PAGE_SIZE)
    ids = [r.pk for r in page]
    interpretations: dict[int, list[dict[str, Any]]] = {}
    for row in public_records().filter(interprets_id__in=ids).values("pk", "title", "interprets_id"):
        interpretations.setdefault(row["interprets_id"], []).append(dict(row))
    rows = [{"record": r, "validity": validity_label(r), "kind": Art20Kind(r.kind).label,
             "interpretations": interpretations.get(r.pk, [])} for r in page]
    others = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(request, "portal/policies.html", {
        "form": form, "page": page, "rows": rows, "pager_query": urlencode(others),
        "agency_id": agency_id,
        "agencies": search_agencies(Agency.objects.filter(pk=agency_id, is_active=True).first()
                                    if agency_id else None),
        "agencies_narrowed": Agency.objects.filter(is_active=True).count() > SEARCH_AGENCY_LIMIT,
    })


def mode_switch(request: HttpRequest) -> HttpResponse:
    """长者模式 on or off by a plain link (no JavaScript): a cookie for a year, then back to the page."""
    back = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()) or not back.startswith("/"):
        back = "/"
    response = HttpResponseRedirect(back)
    if request.GET.get("set") == site.ELDER:
        response.set_cookie(site.MODE_COOKIE, site.ELDER, max_age=365 * 24 * 3600, samesite="Lax",
                            secure=request.is_secure(), httponly=True)
    else:
        response.delete_cookie(site.MODE_COOKIE, samesite="Lax")
    return response
