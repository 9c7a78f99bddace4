"""Letter templates (issue 9, item 1): an agency template cannot reach objects, attributes or methods.

Each test performs an attack an office head or agency admin could try through the template editor —
``{{ app.reveal_id_number }}``, ``__class__``/``__globals__``/``mro`` walks, relation walks, Django tags,
loops and output amplification — and asserts it is refused on save, cannot reach the applicant through
the public status page, and is neutralised when it is already in the database (at issue time and by the
migration). A letter with a hole ("于None前", "于前") is refused with a message to the clerk.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Role
from gongkai.applications import letter_convert, letters
from gongkai.applications import services as s
from gongkai.applications.models import ApplicantType, Application, LetterTemplate, Outcome
from gongkai.core.actors import SYSTEM
from gongkai.core.models import Event
from tests.conftest import member

pytestmark = pytest.mark.django_db

D = dt.date
ID_NUMBER = "110101199003071234"
MASKED = "110***********1234"

# What an attacker would write; every one must be refused on save.
ATTACKS = [
    "{{ app.reveal_id_number }}",
    "{{ app.agency.applications.all }}",
    "{{ app.agency.memberships.all.0.user.password }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ 申请人姓名.__class__.__init__.__globals__ }}",
    "{{ 申请人姓名.upper() }}",
    "{{ 申请人姓名['__class__'] }}",
    "{{ 申请人姓名|attr('__class__') }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ self._TemplateReference__context }}",
    "{{ range(100000000)|list }}",
    "{{ '甲' * 100000000 }}",
    "{% for a in 申请内容 %}{% for b in 申请内容 %}{% for c in 申请内容 %}x{% endfor %}{% endfor %}{% endfor %}",
    "{% set x = 申请人姓名 %}{{ x }}",
    "{% load static %}",
    "{% include 'applications/identity.html' %}",
    "{% extends 'base.html' %}",
    "{% import 'base.html' as b %}",
    "{% macro m() %}{% endmacro %}",
    "{{ 证件号码 }}",
    "{{ app }}",
    "x" * (letters.MAX_TEMPLATE_CHARS + 1),
]


MARCH_2 = D(2026, 3, 2)


def submit(agency: Any, received: dt.date = MARCH_2, **over: Any) -> Application:
    data = {"applicant_type": ApplicantType.NATURAL_PERSON, "applicant_name": "张三", "id_number": ID_NUMBER,
            "phone": "13800001234", "info_name": "2025年度部门预算", "info_doc_number": ""}
    data.update(over)
    return s.application_submit(agency=agency, data=data, channel="in_person", received_on=received)


@pytest.mark.parametrize("body", ATTACKS, ids=range(len(ATTACKS)))
def test_attack_refused_by_the_save_service(agency: Any, body: str) -> None:
    with pytest.raises(ValidationError) as exc:
        s.letter_template_save(agency=agency, kind="answer", title="答复书", body=body, actor=SYSTEM)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in exc.value.messages)  # said in Chinese
    assert not LetterTemplate.objects.exists()


def test_attack_refused_on_the_edit_page_with_a_chinese_reason(client: Any, agency: Any) -> None:
    head = member(agency, Role.OFFICE_HEAD)
    client.force_login(head)
    url = f"/staff/applications/templates/{agency.pk}/"
    body = "{{ 申请人姓名 }}\n\n{{ app.reveal_id_number }}"
    r = client.post(url, {"kind": "answer", "title": "答复书", "body": body})
    page = r.content.decode()
    assert r.status_code == 200 and "第3行" in page and "不能用“.”或“[]”读取属性或下标" in page
    r = client.post(url, {"kind": "answer", "title": "答复书", "body": "{{ 隐去证件号 }}"})
    assert "未知的占位符“隐去证件号”" in r.content.decode()
    r = client.post(url, {"kind": "answer", "title": "答复书", "body": "{% if 转交机关 %}甲"})
    assert "缺少对应的“{% endif %}”" in r.content.decode()
    r = client.post(url, {"kind": "fee", "title": "收费", "body": "{% if 结果类别 == '予以公开' %}甲{% endif %}"})
    assert "占位符“结果类别”只能用于政府信息公开申请答复书" in r.content.decode()
    assert not LetterTemplate.objects.exists()
    # the page is the reference list a clerk copies from
    page = client.get(f"{url}?kind=answer").content.decode()
    assert "隐去证件号码" in page and "答复期限" in page and "110***********123X" in page


def test_misspelt_choice_refused(agency: Any) -> None:
    # "予已公开" would never match: the letter would silently take the wrong branch for every applicant
    with pytest.raises(ValidationError, match="没有“予已公开”这个值"):
        s.letter_template_save(agency=agency, kind="answer", title="答复书",
                               body='{% if 结果类别 == "予已公开" %}甲{% else %}乙{% endif %}', actor=SYSTEM)


def test_template_failing_for_one_outcome_refused(agency: Any) -> None:
    # fine for most outcomes, a TypeError when the case is answered "partial": caught by rendering every outcome
    body = '{% if 结果类别 == "部分公开" and 申请人姓名 > 1 %}甲{% endif %}'
    with pytest.raises(ValidationError, match="部分公开"):
        s.letter_template_save(agency=agency, kind="answer", title="答复书", body=body, actor=SYSTEM)


def test_sandbox_itself_reaches_no_attribute_or_method() -> None:
    # second wall: even a template that skipped the allow-list cannot read attributes or call methods
    for source in ("{{ x.__class__ }}", "{{ x.upper() }}", "{{ x.__init__.__globals__ }}"):
        with pytest.raises(Exception) as exc:
            letters._ENV.from_string(source).render(x="甲")
        assert exc.type.__name__ in ("SecurityError", "UndefinedError", "TemplateProblem")
    assert letters._ENV.globals == {} and letters._ENV.filters == {}


def test_output_amplification_refused(agency: Any) -> None:
    # 1,000 copies of a 30,000-character answer would be 30 million characters; it stops at the bound
    app = submit(agency)
    app.answer_text = "很长的答复" * 6000
    app.outcome = Outcome.GRANTED
    body = "{{ 答复说明 }}" * 1000
    assert letters.check("answer", body) == []  # harmless with the sample values...
    with pytest.raises(letters.TemplateProblem, match="过长"):  # ...refused with this case's values
        letters.render("answer", app=app, inputs=letters.Inputs(issued_on=D(2026, 3, 20)), body=body)


def test_id_number_reaches_letters_only_masked(client: Any, agency: Any) -> None:
    s.letter_template_save(agency=agency, kind="answer", title="答复书", actor=SYSTEM,
                           body="{{ 申请人姓名 }}：\n\n证件：{{ 证件类型 }} {{ 隐去证件号码 }}。{{ 答复结果 }}")
    app = submit(agency)
    s.application_answer(application=app, outcome=Outcome.GRANTED, on=D(2026, 3, 20), actor=SYSTEM)
    letter = app.letters.get()
    assert MASKED in letter.body and ID_NUMBER not in letter.body
    # and through the public status page, as the applicant sees it
    r = client.post("/apply/status/", {"code": app.tracking_code, "phone_tail": "1234"})
    assert r.status_code == 302
    page = client.get(f"/apply/status/{app.tracking_code}/").content.decode()
    assert ID_NUMBER not in page
    r = client.get(f"/apply/status/{app.tracking_code}/letters/{letter.pk}/docx/")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(b"".join(r.streaming_content))).paragraphs)
    assert MASKED in text and ID_NUMBER not in text


def test_malicious_template_in_the_database_is_neutralised_at_issue_time(client: Any, agency: Any,
                                                                         caplog: Any) -> None:
    # written straight into the table (as before this fix, or by someone with database access)
    LetterTemplate.objects.create(agency=agency, kind="answer", title="答复书",
                                  body="{{ app.reveal_id_number }}{{ app.agency.memberships.all }}")
    app = submit(agency)
    s.application_answer(application=app, outcome=Outcome.GRANTED, on=D(2026, 3, 20), actor=SYSTEM)
    letter = app.letters.get()
    expected = letters.render("answer", app=Application.objects.get(pk=app.pk),
                              inputs=letters.Inputs(issued_on=D(2026, 3, 20)))
    assert (letter.title, letter.body) == expected  # the default wording, nothing from the template
    assert ID_NUMBER not in letter.body
    event = Event.objects.get(action="application.answer", object_id=str(app.pk))
    assert "模板无法使用" in event.note and "已改用默认模板" in event.note
    assert "unusable, default used" in caplog.text
    client.post("/apply/status/", {"code": app.tracking_code, "phone_tail": "1234"})
    r = client.get(f"/apply/status/{app.tracking_code}/letters/{letter.pk}/docx/")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(b"".join(r.streaming_content))).paragraphs)
    assert ID_NUMBER not in text and "政府信息公开申请答复书" in text


def test_missing_deadline_refused_instead_of_a_letter_with_a_hole(agency: Any) -> None:
    # received on 2026-12-10: the 2027 calendar is missing, so the due date is provisional (Mon–Fri
    # counted in 2027) and the extension letter announces that date, never "于None前" (issue 11 items 17, 20)
    app = submit(agency, received=D(2026, 12, 10))
    assert app.due_on == D(2027, 1, 7) and app.due_provisional
    s.extension_approve(application=app, on=D(2026, 12, 11), days=10, reason="量大", actor=SYSTEM)
    letter = app.letters.get()
    assert "本机关将于2027年1月21日（含当日）前作出答复" in letter.body
    assert "None" not in letter.body
    # a case with no due date at all cannot get a letter announcing one
    Application.objects.filter(pk=app.pk).update(due_on=None, due_error="尚未登记收到申请之日，无法计算答复期限。")
    with pytest.raises(ValidationError, match="答复期限") as exc:
        letters.render("extension", app=Application.objects.get(pk=app.pk),
                       inputs=letters.Inputs(issued_on=D(2026, 12, 11), days=10))
    assert "尚未登记收到申请之日" in str(exc.value)
    # a correction notice without its items would read "请您于…前对以下内容作出补正："
    app = submit(agency, info_name="另一项信息")
    with pytest.raises(ValidationError, match="补正事项"):
        s.correction_request(application=app, on=D(2026, 3, 3), until=D(2026, 3, 20), note=" ", actor=SYSTEM)
    assert not app.letters.exists()


def test_no_default_letter_shows_none_or_an_empty_date() -> None:
    for kind in letters.KINDS:
        compiled = letters.compile_template(kind, letters.DEFAULTS[kind][1])
        for app, inputs in letters._sample_cases(kind):
            text = letters._run(compiled, letters.values(kind, app, inputs)[0])
            assert "None" not in text and "于前" not in text and "（）" not in text, (kind, app.outcome)


def test_migration_function_neutralises_attacks_and_translates_known_syntax() -> None:
    django_attacks = ["{% load static %}{{ app.applicant_name }}",
                      "{% for a in app.agency.applications.all %}{{ a.reveal_id_number }}{% endfor %}"]
    for body in [*ATTACKS[:12], *django_attacks]:
        result = letter_convert.convert("answer", body)
        assert result.status == "reset" and result.body == letters.DEFAULTS["answer"][1], body
        assert "已重置为默认模板" in result.note
    result = letter_convert.convert("correction", "{{ app.applicant_name }}：\n\n请于{{ until }}前补正：{{ note }}")
    assert result.status == "translated"
    assert result.body == "{{ 申请人姓名 }}：\n\n请于{{ 补正期限 }}前补正：{{ 补正事项 }}"
    # a template already in the new language is kept as it is
    assert letter_convert.convert("fee", letters.DEFAULTS["fee"][1]).status == "unchanged"


# The answer letter's default before this change (Django template syntax), title line first.
OLD_ANSWER_DEFAULT = (Path(__file__).parent / "letter_answer_django_syntax.txt").read_text(encoding="utf-8")


def test_old_default_answer_translates_to_the_same_letters() -> None:
    result = letter_convert.convert("answer", OLD_ANSWER_DEFAULT.partition("\n")[2])
    assert result.status == "translated"
    translated = letters.compile_template("answer", result.body)
    default = letters.compile_template("answer", letters.DEFAULTS["answer"][1])
    for app, inputs in letters._sample_cases("answer"):
        # the old default wrote the remedy sentence of the law before 2024 into its text; the default
        # now takes it from the answer date (formats.law), so compare answers decided before 2024
        context = letters.values("answer", app, replace(inputs, decided_on=D(2023, 12, 29)))[0]
        assert letters._run(translated, context) == letters._run(default, context), app.outcome


def test_migration_rewrites_rows_and_keeps_the_old_body(agency: Any, other_agency: Any) -> None:
    migration = importlib.import_module("gongkai.applications.migrations.0005_letter_templates_to_placeholders")
    bad = LetterTemplate.objects.create(agency=agency, kind="answer", title="答复书",
                                        body="{{ app.reveal_id_number }}")
    old = LetterTemplate.objects.create(agency=agency, kind="extension", title="延期",
                                        body="{{ app.applicant_name }}：延长{{ days }}个工作日，{{ due }}前答复。")
    new = LetterTemplate.objects.create(agency=other_agency, kind="answer", title="答复书",
                                        body="{{ 申请人姓名 }}：{{ 答复结果 }}")
    migration.forward(django_apps, None)
    bad.refresh_from_db(), old.refresh_from_db(), new.refresh_from_db()
    assert bad.body == letters.DEFAULTS["answer"][1] and bad.legacy_body == "{{ app.reveal_id_number }}"
    assert "已重置为默认模板" in bad.legacy_note
    assert old.body == "{{ 申请人姓名 }}：延长{{ 延长天数 }}个工作日，{{ 答复期限 }}前答复。"
    assert old.legacy_body.startswith("{{ app.applicant_name }}") and "自动转换" in old.legacy_note
    assert new.body == "{{ 申请人姓名 }}：{{ 答复结果 }}" and new.legacy_body == "" and new.legacy_note == ""
    for tpl in (bad, old, new):
        assert letters.check(tpl.kind, tpl.body) == []


def test_every_placeholder_is_documented() -> None:
    # clerks and reviewers read the list in docs/applications.md; it must not drift from the declaration
    text = (Path(__file__).resolve().parents[2] / "docs" / "applications.md").read_text(encoding="utf-8")
    assert [p.name for p in letters.PLACEHOLDERS if f"`{p.name}`" not in text] == []
