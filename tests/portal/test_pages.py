"""The public portal's frame and columns through the Django test client: header menu and footer on every
public page, site settings editable and shown at once, 长者模式 by a plain link, the agency column's
条件检索 and validity labels, the 政策文件库, the guide's absolute links, and the error pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, override_settings

from gongkai.portal import site
from gongkai.portal.filters import validity_label
from gongkai.portal.models import SiteSettings

MENU = ("首页", "政府信息公开", "依申请公开", "政策文件", "年度报告", "申请查询")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _menu(html: str) -> list[str]:
    nav = re.search(r'<nav aria-label="网站主导航".*?</nav>', html, re.S)
    assert nav, "no header menu"
    return re.findall(r">([^<>]+)</a>", nav.group(0))


@pytest.fixture(autouse=True)
def _fresh_identity() -> Any:
    site.forget()
    yield
    site.forget()


def test_every_public_page_has_the_menu_breadcrumbs_and_footer(catalog: dict[str, Any], client: Client) -> None:
    aid, rid = catalog["agency"].pk, catalog["policy"].pk
    for url in ("/", "/gk/", f"/gk/{aid}/", f"/gk/{aid}/guide/", f"/gk/{aid}/rules/", f"/gk/{aid}/content/",
                f"/gk/{aid}/annual-reports/", f"/record/{rid}/", "/zhengce/", "/apply/", "/apply/status/",
                "/apply/fees/", "/nianbao/", "/search/?q=招生", "/no-such-page/"):
        resp = client.get(url)
        html = resp.content.decode()
        assert resp.status_code in (200, 404), url
        assert _menu(html) == list(MENU), url
        assert "依据《中华人民共和国政府信息公开条例》" in html, url
    home = client.get("/").content.decode()
    for href in ('href="/apply/"', 'href="/apply/status/"', 'href="/nianbao/"', 'href="/apply/fees/"'):
        assert href in home.split('<main', 1)[1], href  # reachable from the home page's own content
    content = client.get(f"/gk/{aid}/content/").content.decode()
    crumbs = re.search(r'<nav aria-label="当前位置".*?</nav>', content, re.S)
    assert crumbs and ["首页", "政府信息公开", catalog["agency"].name, "法定主动公开内容"] == re.findall(
        r">([^<>]+)</a>", crumbs.group(0))
    assert 'aria-current="page">法定主动公开内容' in content


def test_current_menu_item_follows_the_section(catalog: dict[str, Any], client: Client) -> None:
    for url, label in (("/apply/status/", "申请查询"), ("/apply/", "依申请公开"), ("/zhengce/", "政策文件"),
                       (f"/record/{catalog['policy'].pk}/", "政府信息公开"), ("/", "首页")):
        html = client.get(url).content.decode()
        current = re.findall(r'aria-current="page">([^<]+)</a></li>', html.split('class="site-nav"', 1)[1])
        assert current[:1] == [label], (url, current)


def test_footer_from_site_settings_shows_on_the_next_request(catalog: dict[str, Any], client: Client) -> None:
    aid = catalog["agency"].pk
    before = client.get(f"/gk/{aid}/content/").content.decode()  # now in the page cache
    assert "主办单位" not in before
    row = SiteSettings.objects.create(site_name="示例县人民政府门户网站", organiser="示例县人民政府办公室",
                                      operator="示例县大数据中心", contact="电话 0571-00000000",
                                      site_code="3301000001", icp_number="浙ICP备00000000号",
                                      police_number="浙公网安备 33010002000001号",
                                      base_url="https://www.example.gov.cn")
    after = _text(client.get(f"/gk/{aid}/content/").content.decode())
    for shown in ("主办单位：示例县人民政府办公室", "承办单位：示例县大数据中心", "网站标识码：3301000001",
                  "浙ICP备00000000号", "浙公网安备 33010002000001号", "电话 0571-00000000", "示例县人民政府门户网站"):
        assert shown in after, shown
    row.organiser = "示例县政务服务中心"
    row.save()
    assert "主办单位：示例县政务服务中心" in _text(client.get(f"/gk/{aid}/content/").content.decode())


def test_site_settings_are_edited_in_admin_by_a_platform_admin(db: Any, client: Client) -> None:
    from django.contrib.auth import get_user_model

    from gongkai.core.models import Event

    admin = get_user_model().objects.create_superuser("root", "r@example.cn", "pw-12345678")
    client.force_login(admin)
    resp = client.post("/admin/portal/sitesettings/add/", {
        "site_name": "示例县政府信息公开平台", "base_url": "https://gk.example.gov.cn", "organiser": "示例县人民政府",
        "operator": "", "contact": "", "site_code": "3301000002", "icp_number": "", "police_number": ""})
    assert resp.status_code == 302, resp.content.decode()[:2000]
    assert SiteSettings.objects.get().organiser == "示例县人民政府"
    assert Event.objects.filter(action="admin.portal.sitesettings.added").exists()
    assert client.get("/admin/portal/sitesettings/add/").status_code == 403  # one row only


def test_elder_mode_by_a_plain_link(catalog: dict[str, Any], client: Client) -> None:
    aid = catalog["agency"].pk
    page = f"/gk/{aid}/content/"
    plain = client.get(page).content.decode()
    assert '<html lang="zh-Hans">' in plain and "长者模式" in plain
    link = re.search(r'href="(/mode/\?[^"]+)"', plain)
    assert link
    resp = client.get(link.group(1).replace("&amp;", "&"))
    assert resp.status_code == 302 and resp["Location"] == page
    assert resp.cookies[site.MODE_COOKIE].value == "elder" and resp.cookies[site.MODE_COOKIE]["httponly"]
    elder = client.get(page).content.decode()  # same URL, other cache entry
    assert '<html lang="zh-Hans" class="elder">' in elder and "退出长者模式" in elder
    off = re.search(r'href="(/mode/\?[^"]+)"', elder)
    assert off
    client.get(off.group(1).replace("&amp;", "&"))
    assert 'class="elder"' not in client.get(page).content.decode()


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)"])
def test_mode_switch_never_redirects_off_site(db: Any, client: Client, target: str) -> None:
    resp = client.get("/mode/", {"set": "elder", "next": target})
    assert resp.status_code == 302 and resp["Location"] == "/"


def test_content_filters_and_validity_labels(catalog: dict[str, Any], client: Client) -> None:
    aid = catalog["agency"].pk
    url = f"/gk/{aid}/content/"

    def titles(**params: str) -> list[str]:
        html = client.get(url, params).content.decode()
        return re.findall(r'<td class="c-title"><a href="/record/\d+/">([^<]+)</a>', html)

    everything = titles()
    assert len(everything) == 5
    assert titles(doc_number="〔2019〕") == ["示例县校外培训机构管理办法（2019年）"]
    assert titles(validity="amended") == ["示例县校外培训机构管理办法（2019年）"]
    assert titles(validity="repealed") == ["示例县中小学收费管理暂行规定"]
    assert set(titles(validity="current")) == set(everything) - {"示例县校外培训机构管理办法（2019年）",
                                                                 "示例县中小学收费管理暂行规定"}
    assert titles(issuer="示例县人民政府") == ["示例县中小学收费管理暂行规定"]
    today = catalog["policy"].published_on.isoformat()
    assert len(titles(date_from=today, date_to=today)) == 5
    assert titles(date_from="2000-01-01", date_to="2000-12-31") == []
    bad = client.get(url, {"date_from": "2026-13-45"}).content.decode()
    assert "请输入有效日期" in bad
    reversed_range = client.get(url, {"date_from": "2026-12-31", "date_to": "2026-01-01"}).content.decode()
    assert "结束日期不能早于开始日期" in reversed_range
    html = client.get(url).content.decode()
    for label in ("现行有效", "已修改", "已废止"):
        assert f'class="validity v-{label}">{label}</span>' in html
    assert catalog["policy"].index_number in html and "发布机构" in html and "成文日期" in html


def test_left_tree_counts_categories_and_topics(catalog: dict[str, Any], client: Client) -> None:
    html = client.get(f"/gk/{catalog['agency'].pk}/content/").content.decode()
    tree = re.search(r'<nav aria-label="信息分类导航".*?</nav>', html, re.S)
    assert tree
    text = _text(tree.group(0))
    assert "政策法规 4" in text and "政策解读 1" in text
    assert "科技、教育 5" in text and "教育 5" in text


def test_validity_label_follows_the_record(catalog: dict[str, Any]) -> None:
    for key, label in (("policy", "现行有效"), ("old", "已修改"), ("gone", "已废止")):
        catalog[key].refresh_from_db()
        assert validity_label(catalog[key]) == label


def test_policy_library_with_validity_and_interpretation(catalog: dict[str, Any], client: Client) -> None:
    html = client.get("/zhengce/").content.decode()
    for key in ("policy", "old", "new", "gone"):
        assert catalog[key].title in html
    assert catalog["reading"].title in html.split(catalog["policy"].title, 1)[1].split("</li>", 1)[0]
    only_repealed = client.get("/zhengce/", {"validity": "repealed"}).content.decode()
    assert catalog["gone"].title in only_repealed and catalog["policy"].title not in only_repealed
    regs = client.get("/zhengce/", {"kind": "regulation"}).content.decode()
    assert catalog["gone"].title in regs and catalog["new"].title not in regs


def test_policy_and_interpretation_beside_each_other(catalog: dict[str, Any], client: Client) -> None:
    policy = client.get(f"/record/{catalog['policy'].pk}/").content.decode()
    aside = re.search(r'<aside class="related".*?</aside>', policy, re.S)
    assert aside and catalog["reading"].title in aside.group(0) and "从背景和主要内容两方面解读" in aside.group(0)
    assert 'id="record-validity">现行有效' in policy
    reading = client.get(f"/record/{catalog['reading'].pk}/").content.decode()
    aside = re.search(r'<aside class="related".*?</aside>', reading, re.S)
    assert aside and catalog["policy"].title in aside.group(0) and "解读的政策" in aside.group(0)
    old = client.get(f"/record/{catalog['old'].pk}/").content.decode()
    assert 'id="record-validity">已修改' in old and catalog["new"].title in old


@override_settings(GONGKAI_SITE_DOMAIN="127.0.0.1:8000")
def test_guide_links_are_absolute_from_the_configured_address(catalog: dict[str, Any], client: Client) -> None:
    SiteSettings.objects.create(base_url="https://gk.example.gov.cn")
    aid = catalog["agency"].pk
    html = client.get(f"/gk/{aid}/guide/").content.decode()
    assert f'href="https://gk.example.gov.cn/apply/?agency={aid}"' in html
    assert 'href="https://gk.example.gov.cn/apply/fees/"' in html
    assert "127.0.0.1" not in html and "testserver" not in html
    assert "按件计收" in html and "国办函〔2020〕109号" in html


def test_agency_apply_link_preselects_the_agency(catalog: dict[str, Any], client: Client) -> None:
    aid = catalog["agency"].pk
    column = client.get(f"/gk/{aid}/").content.decode()
    assert f'href="/apply/?agency={aid}"' in column
    form = client.get(f"/apply/?agency={aid}").content.decode()
    assert re.search(rf'<option value="{aid}" selected>', form)
    assert client.get("/apply/?agency=abc").status_code == 200  # junk is ignored, not an error


def test_messages_coloured_by_level(db: Any, client: Client) -> None:
    resp = client.post("/apply/status/", {"code": "NOPE1234", "phone_tail": "0000"})
    html = resp.content.decode()
    assert '<p class="msg msg-error" role="alert">查询码或电话号码不正确</p>' in html


def test_demo_gives_the_portal_a_complete_footer_and_keeps_admin_edits(db: Any, client: Client) -> None:
    from gongkai.agencies.demo import load_county
    from gongkai.portal import demo

    county = load_county()
    demo.load(county)
    footer = _text(client.get("/").content.decode().split('class="site-footer"', 1)[1])
    assert f"主办单位：{county.county.name}办公室" in footer and "ICP备" in footer and "公网安备" in footer
    SiteSettings.objects.update(organiser="已由管理员修改")
    demo.load(county)
    assert SiteSettings.objects.get().organiser == "已由管理员修改"


def test_search_agency_list_is_narrowed_on_a_large_site(db: Any, client: Client,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A province's search page must not carry 10,000 <option>s: above the limit it lists the top two levels,
    the chosen agency's superiors and its direct subordinates."""
    from gongkai.portal import views
    from tests.conftest import AgencyFactory

    province = AgencyFactory(name="某省人民政府")
    city = AgencyFactory(name="某市人民政府", parent=province)
    county = AgencyFactory(name="某县人民政府", parent=city)
    township = AgencyFactory(name="某镇人民政府", parent=county)
    other_city = AgencyFactory(name="另一市人民政府", parent=province)
    other_county = AgencyFactory(name="另一县人民政府", parent=other_city)

    def options(html: str) -> set[str]:
        select = re.search(r'<select id="s-agency".*?</select>', html, re.S)
        assert select
        return set(re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select.group(0)))

    everyone = {a.name for a in (province, city, county, township, other_city, other_county)}
    assert options(client.get("/search/").content.decode()) == everyone  # a small site lists every agency

    monkeypatch.setattr(views, "SEARCH_AGENCY_LIMIT", 3)
    top = client.get("/search/").content.decode()
    assert options(top) == {province.name, city.name, other_city.name}
    assert "逐级选择" in top
    chosen = client.get(f"/search/?q=招生&agency={county.pk}").content.decode()
    assert options(chosen) == {province.name, city.name, other_city.name, county.name, township.name}
    assert f'<option value="{county.pk}" selected>' in chosen
