"""Demo and scale data for the catalog.

``load(county)`` gives the demo county government, its departments and townships realistic records
for 2025 and 2026 through the services (so events, 索引号 and the search index are real), including
行政规范性文件 with a repeal, policy interpretations, Art. 20 period figures and channel tallies.
Idempotent: an agency that already has records is skipped.

``scale(agencies, opts)`` writes ``opts["records"]`` published records per agency for ``opts["year"]``
with realistic titles, 发文字号 and ~300-character summaries by the bulk path (``core.bulkcopy``: COPY
on PostgreSQL), allocating 索引号 serials from the counters (no gaps), indexes them for search in the
same batches and records one summary event per batch.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.demo import DemoCounty
from gongkai.agencies.models import Agency
from gongkai.catalog import services, versions
from gongkai.catalog.indexing import search_key
from gongkai.catalog.models import IndexCounter, InfoCategory, Record
from gongkai.catalog.rules import DEFAULT_CATEGORIES, POLICY_INTERPRETATION, format_index_number, index_period
from gongkai.catalog.workflow import Status
from gongkai.core import bulkcopy, clock, documents
from gongkai.core.actors import SYSTEM, Actor
from gongkai.search.backends import index_many

# (category, topic, title pattern, Art. 20 kind, summary pattern)
PLANS: list[tuple[str, str, str, str, str]] = [
    ("政策法规", "综合政务\\政务公开", "{org}关于印发《{y}年政务公开工作要点》的通知", "normative",
     "明确{y}年政务公开工作的总体要求、重点任务和保障措施，要求各单位围绕重点领域信息公开、政策解读回应和平台建设推进工作。"),
    ("政策法规", "科技、教育\\教育", "{org}关于进一步规范校外培训机构管理的实施意见", "normative",
     "对辖区内校外培训机构的设立审批、日常监管、收费管理和安全管理作出规定，自发布之日起施行，有效期五年。"),
    ("政策法规", "劳动、人事、监察\\劳动就业", "{org}关于支持高校毕业生就业创业的若干措施", "normative",
     "从岗位开发、创业补贴、见习补助和就业服务四个方面提出十二条措施，明确申请条件、办理程序和资金来源。"),
    ("工作动态", "综合政务\\其他", "{org}召开{y}年度重点工作推进会", "",
     "会议通报了上半年重点工作进展情况，分析存在问题，部署下一阶段工作任务，要求各责任单位对照目标抓好落实。"),
    ("工作动态", "市场监管、安全生产监管\\安全生产监管", "{org}开展安全生产大检查专项行动", "",
     "组织专项检查组对辖区重点企业、人员密集场所开展安全生产隐患排查，共检查单位一百余家，督促整改隐患若干处。"),
    ("规划计划", "国民经济管理、国有资产监管\\宏观经济", "{org}{y}年国民经济和社会发展计划", "",
     "提出{y}年经济社会发展的主要预期目标和重点任务，包括稳增长、调结构、惠民生和防风险等方面的具体安排。"),
    ("工作报告", "综合政务\\其他", "{org}{py}年工作总结和{y}年工作思路", "",
     "回顾{py}年主要工作成效，分析当前面临的形势，提出{y}年的工作思路、主要目标和重点举措。"),
    ("办事指南", "综合政务\\政务公开", "{org}依申请公开政府信息办事指南", "",
     "说明申请政府信息公开的受理机构、申请方式、办理时限、收费标准和救济途径，并提供申请表格式样。"),
    ("财政预决算", "财政、金融、审计\\财政", "{org}{y}年部门预算公开", "",
     "公开{y}年部门收支预算总表、一般公共预算支出表、政府性基金预算支出表和三公经费预算情况及说明。"),
    ("人事信息", "劳动、人事、监察\\人事工作", "{org}{y}年公开招聘工作人员公告", "",
     "公开招聘工作人员若干名，公布招聘岗位、报名条件、报名时间和考试安排，欢迎符合条件的人员报考。"),
    ("人大代表建议和政协提案办理", "综合政务\\其他", "{org}关于{y}年人大代表建议办理情况的报告", "",
     "{y}年共承办人大代表建议若干件，已全部按期办结答复，代表满意和基本满意率达到百分之百。"),
]
INTERPRETATION = "《{title}》政策解读"


REVIEW_OPINION = "经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。"


def _admin() -> Actor:
    # The demo's platform admin signs the demo records (their events name a person); SYSTEM if absent.
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    return admin if admin is not None else SYSTEM


def _publish_chain(record: Record, actor: Actor, now: dt.datetime) -> Record:
    for action in ("submit", "review_pass", "approve"):
        opinion = REVIEW_OPINION if action == "review_pass" else ""
        record = services.record_act(record=record, action=action, actor=actor, now=now, reason=opinion)
    if record.status == Status.FIRST_APPROVED:
        record = services.record_act(record=record, action="approve", actor=actor, now=now)
    return services.record_act(record=record, action="publish", actor=actor, now=now)


def _load_agency(agency: Agency, actor: Actor, *, with_pdf: bool = False) -> None:
    if Record.objects.filter(agency=agency).exists():
        return
    services.categories_ensure(agency=agency, actor=actor)
    org = agency.display_name
    for year in (2025, 2026):
        normative: list[Record] = []
        for i, (cat, topic, title, kind, summary) in enumerate(PLANS):
            formed = dt.date(year, 1 + (i * 11) % 10, 3 + (i * 7) % 20)
            # Most go out within days; a few slip past the 20-workday limit (Art. 26).
            delay = 40 if i % 5 == 4 else 5 + i
            when = dt.datetime.combine(formed + dt.timedelta(days=delay), dt.time(2, 0), tzinfo=dt.UTC)
            doc = f"{org[:2]}{'办发' if kind else '发'}〔{year}〕{i + 1}号" if cat == "政策法规" else ""
            record = services.record_create(agency=agency, actor=actor, now=when, data={
                "title": title.format(org=org, y=year, py=year - 1), "doc_number": doc, "topic": topic,
                "category": services.category_named(agency, cat, actor=actor), "formed_on": formed,
                "written_on": formed, "keywords": cat, "kind": kind,
                "summary": summary.format(y=year, py=year - 1),
                "body": f"<p>{summary.format(y=year, py=year - 1)}</p><p>特此公告。</p><p>{agency.name}</p>",
            })
            if when.date() > clock.today():
                continue  # not yet due to go out: stays a draft
            record = _publish_chain(record, actor, when)
            if kind:
                normative.append(record)
            if i == 0:
                services.channel_publication_add(record=record, channel="gazette", published_on=when.date(),
                                                 link="", actor=actor)
            if i == 1:
                interp = services.record_create(agency=agency, actor=actor, now=when, data={
                    "title": INTERPRETATION.format(title=record.title.removeprefix(f"{org}关于")),
                    "topic": topic, "category": services.category_named(agency, POLICY_INTERPRETATION, actor=actor),
                    "formed_on": formed, "written_on": formed, "interprets": record,
                    "summary": f"从出台背景、主要内容和适用范围三个方面解读{record.title}。",
                    "body": "<p>一、出台背景</p><p>二、主要内容</p><p>三、适用范围</p>",
                })
                _publish_chain(interp, actor, when)
        if year == 2026 and len(normative) >= 1:
            old = Record.objects.filter(agency=agency, kind="normative", published_on__year=2025).order_by("pk").first()
            if old is not None:
                services.record_repeal(record=old, validity="repealed", on=dt.date(2026, 6, 30),
                                       replaced_by=normative[0], actor=actor, reason="已被新文件替代")
        if year == 2026:
            # One record stuck in review past its Art. 26 date, for the dashboard.
            stuck = services.record_create(agency=agency, actor=actor, data={
                "title": f"{org}关于公开征求《{year}—{year + 2}年农村公路养护计划》意见的通知",
                "topic": "工业、交通\\公路", "category": services.category_named(agency, "规划计划", actor=actor),
                "formed_on": dt.date(year, 10, 12), "written_on": dt.date(year, 10, 12),
                "summary": "公开征求社会公众对农村公路养护计划的意见建议。",
            })
            _attach_draft_plan(stuck, agency, actor, with_pdf=with_pdf)
            services.record_act(record=stuck, action="submit", actor=actor)
        for half, (start, end) in enumerate(((dt.date(year, 1, 1), dt.date(year, 6, 30)),
                                             (dt.date(year, 7, 1), dt.date(year, 12, 31)))):
            services.period_figures_save(agency=agency, period_start=start, period_end=end,
                                         licensing=120 + 17 * half + agency.pk % 30, penalty=8 + half,
                                         coercion=half, fees=Decimal("3.25") + half, actor=actor)
            services.channel_tally_save(agency=agency, channel="weibo", period_start=start, period_end=end,
                                        count=60 + 5 * half, actor=actor)
            services.channel_tally_save(agency=agency, channel="wechat", period_start=start, period_end=end,
                                        count=45 + 3 * half, actor=actor)


def _attach_draft_plan(record: Record, agency: Agency, actor: Actor, *, with_pdf: bool) -> None:
    """The consultation draft as a DOCX (and, for the county government, the same as a PDF), so the
    reviewer has attachments to open inline on the demo's record waiting for review."""
    plan = documents.OfficialDoc(
        title=f"{agency.display_name}农村公路养护计划（征求意见稿）",
        paragraphs=["一、养护目标：县乡道路优良中等路率达到85%以上。",
                    "二、养护重点：危桥改造、安全生命防护工程和路面修复。",
                    "三、资金保障：县级财政按每公里每年一定标准安排养护资金。"],
        signature=[agency.name], date=documents.chinese_date(dt.date(2026, 10, 12)),
        table=[["年度", "计划养护里程（公里）"], ["2026", "120"], ["2027", "135"], ["2028", "150"]])
    services.attachment_add(record=record, name="农村公路养护计划（征求意见稿）.docx",
                            data=documents.docx_bytes(plan), title="附件1：农村公路养护计划（征求意见稿）",
                            actor=actor)
    if with_pdf:
        services.attachment_add(record=record, name="农村公路养护计划（征求意见稿）.pdf",
                                data=documents.pdf_bytes(documents.doc_html(plan)),
                                title="附件2：农村公路养护计划（征求意见稿，PDF版）", actor=actor)


def load(county: DemoCounty) -> None:
    actor = _admin()
    for agency in [county.county, *county.departments, *county.townships]:
        _load_agency(agency, actor, with_pdf=agency == county.county)


# ---------------------------------------------------------------- scale

_SUBJECTS = ["农村人居环境整治", "义务教育学校招生", "城镇老旧小区改造", "食品安全监督抽检", "企业职工养老保险",
             "高标准农田建设", "河湖长制", "消防安全专项整治", "优化营商环境", "基层医疗卫生服务",
             "城乡居民医疗保险", "耕地保护", "生活垃圾分类", "公共文化服务体系", "退役军人优待",
             "防汛抗旱", "森林防火", "政务服务事项", "中小企业发展", "住房公积金"]
_FORMS = ["关于印发《{s}实施方案》的通知", "关于做好{y}年{s}工作的通知", "{y}年{s}工作情况报告",
          "关于开展{s}专项检查的通知", "关于{s}有关事项的公告", "{s}工作推进会召开", "关于公布{s}结果的通告"]
_SENTENCES = ["为深入贯彻落实上级有关决策部署，进一步推进{s}工作，结合本地实际，制定本方案。",
              "各地各部门要充分认识{s}的重要意义，切实加强组织领导，明确责任分工，确保各项任务落到实处。",
              "{y}年以来，全县上下围绕{s}目标任务，统筹推进各项工作，取得了阶段性成效。",
              "要坚持问题导向，聚焦群众反映强烈的突出问题，建立健全长效机制，推动{s}工作常态化、制度化。",
              "对工作中发现的问题，要建立台账、限期整改，整改情况于每季度末报送县政府办公室。",
              "本通知自发布之日起施行，此前有关规定与本通知不一致的，以本通知为准。"]


def _summary(rng: random.Random, subject: str, year: int) -> str:
    text = ""
    while len(text) < 280:
        text += rng.choice(_SENTENCES).format(s=subject, y=year)
    return text[:300]


def _ensure_categories(agencies: list[Agency]) -> dict[int, list[int]]:
    have = set(InfoCategory.objects.filter(agency__in=agencies).values_list("agency_id", flat=True).distinct())
    InfoCategory.objects.bulk_create(
        [InfoCategory(agency=a, name=n, ordering=i * 10) for a in agencies if a.pk not in have
         for i, n in enumerate(DEFAULT_CATEGORIES)], batch_size=2000)
    versions.bump(*(a.pk for a in agencies if a.pk not in have))
    out: dict[int, list[int]] = {}
    for aid, cid in InfoCategory.objects.filter(agency__in=agencies).values_list("agency_id", "id"):
        out.setdefault(aid, []).append(cid)
    return out


def scale(agencies: list[Agency], opts: dict[str, Any]) -> None:
    """``opts["records"]`` published records per agency in ``opts["year"]``, written by the bulk path.

    Every record's (date, agency) is drawn first and the records are written in date order, so ids,
    索引号 serials and search entry ids follow publication as they would in real use (FTS5 reads newest
    first by rowid). Batches of ``BATCH`` records: one COPY (PostgreSQL) or executemany (SQLite) for the
    records, their search entries through the same tokenizer (``search.backends.index_many``), and one
    summary event (``core.bulkcopy.record_batch``) per batch instead of an event per record — the hash
    chain stays valid (``gongkai events verify``). 索引号 counters continue from what is allocated.
    ``opts["progress"]``, if given, is called with the number of records written after each batch.
    """
    per_agency = int(opts.get("records", 0) or 0)
    if per_agency <= 0 or not agencies:
        return
    year = int(opts.get("year") or clock.today().year)
    do_index = bool(opts.get("index", True))
    progress = opts.get("progress")
    rng = random.Random(f"catalog-{year}")
    categories = _ensure_categories(agencies)
    cat_names = dict(InfoCategory.objects.filter(agency__in=agencies).values_list("pk", "name"))
    from gongkai.catalog.taxonomy import TOPIC_PATHS

    topics = list(TOPIC_PATHS)
    first_day = dt.date(year, 1, 1)
    days = max(1, min(360, (clock.today() - first_day).days)) if clock.today().year == year else 360
    slots = sorted((rng.randrange(days), a) for a in range(len(agencies)) for _ in range(per_agency))
    serials = dict(((c, p), n) for c, p, n in IndexCounter.objects.filter(
        issuer_code__in=[a.code for a in agencies]).values_list("issuer_code", "period", "last_serial"))
    now = clock.now()
    for start in range(0, len(slots), BATCH):
        chunk = slots[start:start + BATCH]
        with transaction.atomic():
            ids = bulkcopy.reserve_ids(Record, len(chunk))
            rows: list[dict[str, object]] = []
            for pk, (day, a) in zip(ids, chunk, strict=True):
                agency = agencies[a]
                d = first_day + dt.timedelta(days=day)
                period = index_period(d, agency.index_date_format)
                serial = serials.get((agency.code, period), 0) + 1
                serials[(agency.code, period)] = serial
                subject = rng.choice(_SUBJECTS)
                at = dt.datetime.combine(d, dt.time(1 + rng.randrange(8), rng.randrange(60)), tzinfo=dt.UTC)
                formed = d - dt.timedelta(days=rng.randrange(1, 20))
                summary = _summary(rng, subject, year)
                rows.append({
                    "id": pk, "agency_id": agency.pk, "status": Status.PUBLISHED,
                    "index_number": format_index_number(agency.code, period, serial),
                    # The organ in 发文机关, not in the title (as most notices read): titles repeat across
                    # organs, so the tokenizer's run cache serves them.
                    "title": rng.choice(_FORMS).format(s=subject, y=year), "issuing_organ": agency.name,
                    "doc_number": f"{agency.display_name[:2]}发〔{year}〕{serial}号" if rng.random() < 0.4 else "",
                    "topic": rng.choice(topics), "category_id": rng.choice(categories[agency.pk]),
                    "keywords": subject, "formed_on": formed, "written_on": formed,
                    "due_on": formed + dt.timedelta(days=28), "published_at": at, "published_on": d,
                    "summary": summary, "body": f"<p>{summary}</p>", "created_at": at, "updated_at": at,
                    "generated": True, "kind": "normative" if rng.random() < 0.05 else "",
                })
            bulkcopy.insert(Record, rows, now=now)
            if do_index:
                _index_rows(rows, cat_names)
            bulkcopy.record_batch(obj=Record(pk=ids[0]), rows=len(rows), first_id=ids[0], last_id=ids[-1], now=now,
                                  year=year, indexed=do_index)
        if progress is not None:
            progress(len(chunk))
    with transaction.atomic():
        IndexCounter.objects.bulk_create(
            [IndexCounter(issuer_code=c, period=p, last_serial=n) for (c, p), n in serials.items()],
            update_conflicts=True, unique_fields=["issuer_code", "period"], update_fields=["last_serial"],
            batch_size=2000)
        ids_all = [a.pk for a in agencies]
        for i in range(0, len(ids_all), 2000):
            versions.bump(*ids_all[i:i + 2000])


BATCH = 20_000


def _index_rows(rows: list[dict[str, object]], cat_names: dict[int, str]) -> None:
    index_many([{
        "key": search_key(int(r["id"])),  # type: ignore[call-overload]
        "agency_id": r["agency_id"], "url": f"/record/{r['id']}/", "title": r["title"], "text": r["summary"],
        "extra": " ".join([str(r["doc_number"]), str(r["keywords"]), str(r["index_number"])]),
        "category": cat_names.get(r["category_id"], ""),  # type: ignore[call-overload]
        "topic": r["topic"], "year": r["published_on"].year,  # type: ignore[attr-defined]
        "validity": "effective", "published_on": r["published_on"],
    } for r in rows], batch_size=len(rows))
