"""The clerk → reviewer → approver → public page journey in Debian's chromium (issue 13 "done when"):
the clerk fills the grouped form and types 正文 in the editor served by the platform, uploads a PDF and
a DOCX with display names, previews the public page and submits; the reviewer opens each attachment
inside the page (the PDF in the browser's viewer, the DOCX converted) and writes a 保密审查意见; the
approver sees the opinion and its author on the history, approves and publishes; the public page shows
the record. Every staff page on the way is checked with axe-core (WCAG 2.1 A/AA, zero violations) and
photographed into docs/screenshots/staff_*.png."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.core.actors import SYSTEM
from tests.catalog.test_browser import _login, _logout
from tests.conftest import AgencyFactory, member
from tests.staff.axe import violations

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
OPINION = "经审查，正文和两个附件不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。"


def _pdf(path: Path) -> Path:
    import weasyprint

    html = ("<html lang='zh-Hans'><body style='font-family: \"Noto Sans CJK SC\", sans-serif'>"
            "<h1>农村公路养护路段清单</h1><p>一、县道X012线 城关至东风段 12.4公里</p>"
            "<p>二、乡道Y105线 南街至石桥段 6.8公里</p></body></html>")
    path.write_bytes(weasyprint.HTML(string=html).write_pdf())
    return path


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("农村公路养护计划（征求意见稿）", level=1)
    document.add_paragraph("一、养护目标：县乡道路优良中等路率达到85%以上。")
    document.add_paragraph("二、资金保障：县级财政按每公里每年一定标准安排养护资金。")
    out = io.BytesIO()
    document.save(out)
    path.write_bytes(out.getvalue())
    return path


def _person(agency: Any, role: str, username: str, name: str) -> Any:
    user = member(agency, role, username=username)
    user.first_name = name
    user.save()
    return user




def _check(page: Any, name: str, seen: dict[str, list[str]]) -> None:
    """axe on the current page, then a full-page screenshot kept in docs/screenshots."""
    seen[name] = violations(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"staff_{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_clerk_reviewer_approver_public_page(live_server: Any, browser_page: Any, tmp_path: Path) -> None:
    agency = AgencyFactory(code="014416330", name="示例县交通运输局")
    services.categories_ensure(agency=agency, actor=SYSTEM)
    _person(agency, Role.CLERK, "j_clerk", "经办人 张敏")
    _person(agency, Role.REVIEWER, "j_reviewer", "保密审查 李强")
    _person(agency, Role.APPROVER, "j_approver", "分管负责人 王静")
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    seen: dict[str, list[str]] = {}

    # Clerk: the grouped form, 正文 typed into the editor (no CDN: the page loads only our own files).
    _login(page, base, "j_clerk")
    _check(page, "dashboard", seen)
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(base) else None)
    page.goto(f"{base}/staff/catalog/new/")
    page.wait_for_selector("trix-editor")
    assert "Bold" not in page.inner_html("trix-toolbar")  # the toolbar speaks Chinese
    assert page.get_attribute("trix-toolbar button[data-trix-attribute=bold]", "title") == "加粗"
    page.fill("#id_title", "关于公开征求《农村公路养护计划》意见的通知")
    page.select_option("#id_category", label="规划计划")
    page.select_option("#id_topic", "工业、交通\\公路")
    page.fill("#id_formed_on", "2026-11-20")
    page.fill("#id_doc_number", "示交发[2026]12号")
    page.fill("#id_summary", "公开征求社会公众对农村公路养护计划的意见建议。")
    page.click("trix-editor")
    page.keyboard.type("现将养护计划征求意见稿予以公布。")
    page.keyboard.press("Enter")
    page.click("trix-toolbar button[data-trix-attribute=bold]")
    page.keyboard.type("意见反馈截止时间：2026年12月20日。")
    _check(page, "record_form", seen)
    page.click("form.record-form button[type=submit]:has-text('保存')")
    page.wait_for_selector("#record-status")
    assert external == [], external
    record_url = page.url
    assert "<strong>意见反馈截止时间：2026年12月20日。</strong>" in page.inner_html(".body")

    for path, title in ((_pdf(tmp_path / "路段清单.pdf"), "附件1：养护路段清单"),
                        (_docx(tmp_path / "养护计划.docx"), "附件2：养护计划（征求意见稿）")):
        page.set_input_files("input[name=file]", str(path))
        page.fill("#id_title", title)
        page.click("button:has-text('上传附件')")
        page.wait_for_selector(f"input[value='{title}']")
    _check(page, "record_draft", seen)
    page.click("#preview-link")
    assert "这是发布后公开页面的样子，尚未公开" in page.inner_text("body")
    assert "附件1：养护路段清单" in page.inner_text("main")
    _check(page, "record_preview", seen)
    page.goto(record_url)
    page.click("button:has-text('提交审查')")
    assert page.inner_text("#record-status") == "待保密审查"
    assert "下一步由保密审查员办理" in page.inner_text("#next-step")
    _logout(page)

    # Reviewer: each attachment opened inside the page, then the opinion.
    _login(page, base, "j_reviewer")
    page.goto(record_url)
    page.click("a:has-text('在页面中预览'):has(span:text('附件1：养护路段清单'))")
    frame = page.wait_for_selector("#attachment-frame")
    assert frame.get_attribute("src").endswith("/file/")
    response = page.request.get(base + frame.get_attribute("src"))
    assert response.headers["content-type"] == "application/pdf"
    page.wait_for_timeout(1500)  # the PDF viewer draws the page
    _check(page, "review_pdf", seen)
    page.click("a:has-text('下一个附件')")
    doc = page.wait_for_selector("#attachment-doc")
    assert "县乡道路优良中等路率达到85%以上" in doc.inner_text()
    assert page.inner_text("#attachment-doc h3") == "农村公路养护计划（征求意见稿）"
    _check(page, "review_docx", seen)
    page.goto(record_url)
    page.check("input[name=decision][value=pass]")
    page.fill("#id_opinion", OPINION)
    _check(page, "review_form", seen)
    page.click("button:has-text('提交审查意见')")
    assert page.inner_text("#record-status") == "待审批"
    _logout(page)

    # Approver: the opinion and its author on the history; approve and publish.
    _login(page, base, "j_approver")
    page.goto(record_url)
    history = page.inner_text("section[aria-labelledby=ev-h]")
    assert f"保密审查 李强 保密审查通过：{OPINION}" in history
    assert "通过，同意公开" in page.inner_text("section[aria-labelledby=opinion-h]")
    _check(page, "approve", seen)
    page.click("button:has-text('审批同意')")
    page.click("button:has-text('发布')")
    assert page.inner_text("#record-status") == "已发布"
    index_number = page.inner_text("#index-number")
    _check(page, "published", seen)

    page.click("a:has-text('查看公开页面')")
    main = page.inner_text("main")
    assert index_number in main and "示交发〔2026〕12号" in main and "意见反馈截止时间" in main
    page.screenshot(path=str(SHOTS / "staff_public_page.png"), full_page=True)

    assert {name: found for name, found in seen.items() if found} == {}


@pytest.mark.browser
def test_the_accessibility_check_can_fail(browser_page: Any) -> None:
    browser_page.set_content("<html><body><img src='x.png'><input type='text'></body></html>")
    found = violations(browser_page)
    assert any(v.startswith("image-alt") for v in found) and any(v.startswith("label") for v in found)
