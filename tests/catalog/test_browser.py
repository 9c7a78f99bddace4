"""End to end in Debian's chromium: a clerk drafts a record with a PDF attachment, a reviewer passes
the confidentiality review, an approver approves and publishes; the public page shows the 索引号 and
metadata, and searching a phrase that occurs only inside the PDF finds the record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.core.actors import SYSTEM
from tests.conftest import AgencyFactory, member

PHRASE = "萤火虫湿地保护补偿"  # only in the attachment
PASSWORD = "pw-12345678"


def _pdf(path: Path) -> Path:
    import weasyprint

    html = (f"<html lang='zh-Hans'><body style='font-family: \"Noto Sans CJK SC\", sans-serif'>"
            f"<h1>实施细则</h1><p>第三条 设立{PHRASE}专项资金。</p></body></html>")
    path.write_bytes(weasyprint.HTML(string=html).write_pdf())
    return path


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/staff/")


def _logout(page: Any) -> None:
    page.click("form[action='/staff/logout/'] button")
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_draft_review_publish_and_find_by_attachment_text(live_server: Any, browser_page: Any,
                                                          tmp_path: Path) -> None:
    agency = AgencyFactory(code="014416330", name="示例县生态环境分局")
    services.categories_ensure(agency=agency, actor=SYSTEM)
    member(agency, Role.CLERK, username="b_clerk")
    member(agency, Role.REVIEWER, username="b_reviewer")
    member(agency, Role.APPROVER, username="b_approver")
    page, base = browser_page, live_server.url
    today = dt.date.today().isoformat()

    _login(page, base, "b_clerk")
    page.goto(f"{base}/staff/catalog/new/")
    page.fill("#id_title", "关于印发湿地生态保护实施细则的通知")
    page.fill("#id_doc_number", "示环发[2026]7号")
    page.select_option("#id_topic", "城乡建设、环境保护\\环境监测、保护与治理")
    page.select_option("#id_category", label="政策法规")
    page.fill("#id_written_on", today)
    page.fill("#id_formed_on", today)
    page.fill("#id_summary", "印发湿地生态保护实施细则。")
    page.click("form button[type=submit]:has-text('保存')")
    page.wait_for_selector("#record-status")
    record_url = page.url
    page.set_input_files("input[name=file]", str(_pdf(tmp_path / "细则.pdf")))
    page.click("button:has-text('上传附件')")
    page.wait_for_selector("text=细则.pdf")
    page.click("button:has-text('提交审查')")
    assert page.inner_text("#record-status") == "待保密审查"
    _logout(page)

    _login(page, base, "b_reviewer")
    page.goto(record_url)
    page.check("input[name=decision][value=pass]")
    page.fill("#id_opinion", "经审查，不涉及国家秘密和个人隐私，同意公开。")
    page.click("button:has-text('提交审查意见')")
    assert page.inner_text("#record-status") == "待审批"
    _logout(page)

    _login(page, base, "b_approver")
    page.goto(record_url)
    page.click("button:has-text('审批同意')")
    page.click("button:has-text('发布')")
    assert page.inner_text("#record-status") == "已发布"
    index_number = page.inner_text("#index-number")
    assert index_number.startswith(f"014416330/{today[:4]}-") and len(index_number) == len("014416330/2026-00001")

    page.click("a:has-text('查看公开页面')")
    body = page.inner_text("main")
    for label in ("索引号", "主题分类", "发布机构", "成文日期", "发文字号", "发布日期", "有效性"):
        assert label in body
    assert index_number in body and "示环发〔2026〕7号" in body and "有效" in body
    assert page.get_attribute("meta[name=ArticleTitle]", "content") == "关于印发湿地生态保护实施细则的通知"

    page.goto(f"{base}/")
    page.fill("#q", PHRASE)
    page.press("#q", "Enter")
    page.wait_for_selector("ol.results")
    assert "关于印发湿地生态保护实施细则的通知" in page.inner_text("ol.results")
    assert page.locator("ol.results mark").count() >= 1
