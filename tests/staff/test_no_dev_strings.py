"""No developer strings where staff look (issue 13 item 11): the demo county is loaded, then every staff
page reachable by links from the dashboard is fetched as each demo role, and the visible text of each page
must hold no event or outcome key, no "None", no template syntax, no English exception name or error
wording, no API path and no half-translated message. The same walk collects every form a page offers;
none may be one its user's role cannot send (item 10: sent empty, it must not answer 403). Outcome,
appeal and event keys are taken from their declarations (``formats.declarations``,
``core.eventlabels``), so a new key is checked without editing this test; dotted and snake_case words
are caught by shape as well.

Each role's crawl is bounded (``MAX_PAGES``, at most ``PER_SHAPE`` pages per URL shape with the ids
replaced), so list pages with hundreds of rows do not turn it into a load test."""

from __future__ import annotations

import html
import io
import re
from collections import deque
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from gongkai.core import eventlabels
from gongkai.formats import declarations

pytestmark = pytest.mark.django_db

ROLES = ("clerk", "reviewer", "approver", "head", "agencyadmin", "city_viewer", "edu_clerk", "admin")
MAX_PAGES = 60
PER_SHAPE = 1
# Downloads and actions, not pages a person reads (files are checked by their own tests).
SKIP = re.compile(r"/(logout|file|download|export|letters/\d+/(docx|pdf|ofd))/?|\.(xlsx|docx|pdf|ofd|csv|json)$"
                  r"|/staff/admin/|/api/")

STRUCTURAL = [
    (re.compile(r"\{\{|\}\}|\{%|%\}"), "template syntax"),
    (re.compile(r"(?<![A-Za-z])None(?![A-Za-z])"), "None"),
    (re.compile(r"\b[A-Z][A-Za-z]+(Error|Exception)\b|Traceback|\bForbidden\b|Not Found"),
     "English error wording"),
    (re.compile(r"不接受 ?prior|\bprior\b"), "half-translated message"),
    (re.compile(r"/api/"), "API path"),
    # A dotted key (catalog.record.create, hotline.received): lower-case words joined by dots, not a
    # file name, a host name or an e-mail address.
    (re.compile(r"(?<![\w@./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*)+(?![\w@./-])"),
     "dotted key"),
    (re.compile(r"(?<![\w./-])[a-z]+(?:_[a-z0-9]+)+(?![\w./-])"), "snake_case key"),
]
NOT_KEYS = re.compile(r"\.(pdf|docx?|xlsx?|ofd|png|jpe?g|gif|csv|json|txt|html?)$|\.(cn|com|org|net|gov)(\.|$)|^www\.")


def _declared_keys() -> set[str]:
    keys = set(declarations.OUTCOME_KEYS) | set(declarations.OUTCOME_BASIS)
    keys |= set(declarations.APPEAL_KIND_KEYS) | set(declarations.APPEAL_RESULT_KEYS)
    keys |= set(eventlabels._LABELS)
    # Bare words that are also ordinary English are still keys on a Chinese page.
    return {k for k in keys if len(k) > 3}


def visible_text(page: str) -> str:
    page = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", page)
    page = re.sub(r"(?is)<head\b.*?</head>", " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    # Attribute values people read: placeholders, titles, alt texts, aria labels.
    shown_attrs = " ".join(m.group(2) for m in re.finditer(
        r'(?i)\b(placeholder|title|alt|aria-label)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + shown_attrs)


# The letter-template editor shows the template language staff write on purpose (Chinese placeholders and
# conditions, docs/decisions/0005-letter-templates.md): template syntax is its content there.
TEMPLATE_EDITORS = re.compile(r"^/staff/applications/templates/")


def problems(text: str, keys: set[str], *, url: str = "", logins: frozenset[str] = frozenset()) -> list[str]:
    """What in ``text`` looks like a developer string. ``logins`` are account names (edu_clerk): the
    membership pages show them beside the person's name for the admin who manages the accounts."""
    found = []
    for pattern, what in STRUCTURAL:
        if what == "template syntax" and TEMPLATE_EDITORS.search(url):
            continue
        for m in pattern.finditer(text):
            word = m.group(0)
            if what == "dotted key" and NOT_KEYS.search(word):
                continue
            if what == "snake_case key" and word in logins:
                continue
            found.append(f"{what}: …{text[max(0, m.start() - 20):m.end() + 20].strip()}…")
    words = set(re.findall(r"[a-z][a-z0-9_.]*[a-z0-9]", text))
    found += [f"declared key: {k}" for k in sorted(keys & words)]
    return found


def _shape(url: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(url).path)


def crawl(client: Client, start: str = "/staff/", forms: dict[str, str] | None = None) -> tuple[
        dict[str, list[str]], int]:
    """(problems by URL, pages read) for everything reachable from ``start`` within the bounds;
    ``forms`` collects the POST forms offered (action → page offering it)."""
    keys = _declared_keys()
    logins = frozenset(get_user_model().objects.values_list("username", flat=True))
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue: deque[str] = deque([start])
    report: dict[str, list[str]] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            continue
        body = response.content.decode("utf-8", "replace")
        if response.status_code != 200:
            report[url] = [f"status {response.status_code}"] if response.status_code >= 500 else []
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        found = problems(visible_text(body), keys, url=url, logins=logins)
        if forms is not None:
            for form in re.finditer(r'(?is)<form\b[^>]*>', body):
                tag = form.group(0)
                if re.search(r'method="post"', tag, re.I):
                    action = re.search(r'action="([^"]*)"', tag)
                    target = html.unescape(action.group(1)) if action and action.group(1) else url
                    if target.startswith("/staff/") and not SKIP.search(target):
                        forms.setdefault(target, url)
        if found:
            report.setdefault(url, []).extend(found)
        for href in re.findall(r'href="([^"#]*)', body):
            link = urldefrag(html.unescape(href))[0]
            if not link.startswith("/staff/") or SKIP.search(link) or link in seen:
                continue
            shape = _shape(link)
            if shapes.get(shape, 0) >= PER_SHAPE:
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            queue.append(link)
    return {url: issues for url, issues in report.items() if issues}, len(seen)


def test_the_pattern_catches_what_it_should() -> None:
    keys = _declared_keys()
    bad = ("操作：catalog.record.create", "结果：partial", "处理结果 not_processed.duplicate", "{{ app.number }}",
           "None", "PdfminerException: bad", "不接受 prior 文件", "见 /api/catalog/records", "hotline.received",
           "403 Forbidden")
    for text in bad:
        assert problems(text, keys), text
    good = ("附件 plan.docx 已上传", "联系邮箱 gk@example.gov.cn", "网址 www.gov.cn", "索引号 000014349/2020-00072",
            "部分公开", "示教〔2026〕3号")
    for text in good:
        assert not problems(text, keys), (text, problems(text, keys))


def test_staff_pages_show_no_developer_strings_to_any_demo_role(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        call_command("demo", stdout=io.StringIO())
    failures: dict[str, dict[str, list[str]]] = {}
    pages: dict[str, int] = {}
    offered: dict[str, dict[str, str]] = {}
    for username in ROLES:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        offered[username] = {}
        found, pages[username] = crawl(client, forms=offered[username])
        if found:
            failures[username] = found
    # Role-aware pages (issue 13 item 10): a form a page offers is one its user may send. An empty POST
    # is enough to tell: the role check comes before the form is read, so a forbidden action says 403.
    refused = []
    for username in ROLES:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        for action, page in offered[username].items():
            if client.post(action, {}).status_code == 403:
                refused.append(f"{username}: {page} offers {action}")
    assert refused == [], "\n".join(refused)
    assert sum(len(f) for f in offered.values()) >= 20, offered  # forms were really found and sent
    # Every role really walked its workspace (lists, records, cases, reports, calendar …), not one page.
    assert min(pages.values()) >= 15, pages
    assert not failures, "\n".join(f"{role} {url}: {' | '.join(dict.fromkeys(i[:90] for i in issues))}"
                                   for role, found in failures.items() for url, issues in found.items())
