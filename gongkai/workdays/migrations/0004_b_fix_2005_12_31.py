"""Correct the seed: 2005-12-31 (Saturday) was a make-up workday (issue 11 item 10).

国办发明电〔2005〕35号 (the 2006 notice), item 一: "将12月31日(星期六)、1月1日(星期日)两个公休日调至
1月2日(星期一)、3日(星期二)，12月31日(星期六)上班". The chinese-calendar package leaves the day out, so
0002 seeded it as an ordinary Saturday. The day is stored with that notice as its source.
"""

import datetime as dt

from django.db import migrations

SOURCE = "https://zh.wikisource.org/wiki/国务院办公厅关于2006年部分节假日安排的通知"
ITEM = ("一、元旦：1月1日—3日放假，共3天。其中1月1日为法定假日，将12月31日（星期六）、1月1日（星期日）两个公休日"
        "调至1月2日（星期一）、3日（星期二），12月31日（星期六）上班。")


def forward(apps, schema_editor):
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    HolidayNotice = apps.get_model("workdays", "HolidayNotice")
    cy = CalendarYear.objects.filter(year=2005).first()
    if cy is None:  # no seeded 2005: nothing to correct
        return
    notice = HolidayNotice.objects.create(
        year=2006, title="国务院办公厅关于2006年部分节假日安排的通知", doc_number="国办发明电〔2005〕35号",
        issued_on=dt.date(2005, 12, 16), source=SOURCE, text=ITEM)
    CalendarDay.objects.update_or_create(date=dt.date(2005, 12, 31), defaults={
        "calendar_year": cy, "kind": "makeup_workday", "name": "元旦", "origin": "notice", "notice": notice})


def backward(apps, schema_editor):
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    HolidayNotice = apps.get_model("workdays", "HolidayNotice")
    CalendarDay.objects.filter(date=dt.date(2005, 12, 31), origin="notice").delete()
    HolidayNotice.objects.filter(doc_number="国办发明电〔2005〕35号", days__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0003_b_notice_provenance")]
    operations = [migrations.RunPython(forward, backward)]
