"""Seed the calendar for 2004–2026 from the chinese-calendar package (its data ends at 2026)."""

from django.db import migrations


def seed(apps, schema_editor):
    from chinese_calendar import constants

    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    names = {"New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
             "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
             "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利纪念日"}
    by_year = {}
    for table, kind in ((constants.holidays, "holiday"), (constants.workdays, "makeup_workday")):
        for day, label in table.items():
            by_year.setdefault(day.year, []).append((day, kind, names.get(str(label), str(label))[:40]))
    present = set(CalendarYear.objects.values_list("year", flat=True))
    for year in sorted(by_year):
        if year in present or not 2004 <= year <= 2026:
            continue
        cy = CalendarYear.objects.create(year=year, origin="seed",
                                         source=f"chinese-calendar 数据包（{year}年国务院办公厅节假日安排通知）")
        CalendarDay.objects.bulk_create(CalendarDay(calendar_year=cy, date=d, kind=k, name=n)
                                        for d, k, n in by_year[year])


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
