"""Demo and scale data for agencies and users: a small realistic county, or a synthetic province.

Idempotent: agencies are keyed by issuer code and users by username. Other apps extend the demo
through their own ``demo.py`` (``load(county)`` and ``scale(agencies, options)``), called by
`gongkai demo` after this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from gongkai.agencies.models import Agency, Kind, Level, Membership, Role

DEMO_PASSWORD = "demo-pass-2026"

CITY = ("11330100000000001A", "示例市人民政府", Level.CITY, Kind.GOVERNMENT)
COUNTY = ("11330101000000001B", "示例县人民政府", Level.COUNTY, Kind.GOVERNMENT)
DEPARTMENTS = [
    ("11330101000000002C", "示例县教育局"),
    ("11330101000000003D", "示例县人力资源和社会保障局"),
    ("11330101000000004E", "示例县自然资源和规划局"),
    ("11330101000000005F", "示例县市场监督管理局"),
    ("11330101000000006G", "示例县财政局"),
]
TOWNSHIPS = [
    ("11330101000000007H", "示例县城关镇人民政府"),
    ("11330101000000008J", "示例县东风乡人民政府"),
    ("11330101000000009K", "示例县南街街道办事处"),
]
ROLE_USERS = [
    ("clerk", Role.CLERK, "经办人 张敏"),
    ("reviewer", Role.REVIEWER, "保密审查 李强"),
    ("approver", Role.APPROVER, "分管负责人 王静"),
    ("head", Role.OFFICE_HEAD, "公开办负责人 赵磊"),
    ("agencyadmin", Role.ADMIN, "机关管理员 陈晨"),
]


@dataclass
class DemoCounty:
    city: Agency
    county: Agency
    departments: list[Agency]
    townships: list[Agency]


def _guide(name: str) -> dict[str, str]:
    return {
        "office_name": f"{name}办公室（政府信息公开工作机构）",
        "address": "示例县人民路1号",
        "office_hours": "工作日 上午8:30—12:00，下午14:30—17:30",
        "phone": "0571-00000000",
        "fax": "0571-00000001",
        "web_contact": "http://127.0.0.1:8000/apply/",
        "postcode": "310000",
    }


def _agency(code: str, name: str, level: str, kind: str, parent: Agency | None, order: int = 0) -> Agency:
    agency, _ = Agency.objects.update_or_create(code=code, defaults={
        "name": name, "level": level, "kind": kind, "parent": parent, "ordering": order, **_guide(name),
    })
    return agency


def _user(username: str, full_name: str, agency: Agency, role: str) -> None:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username, defaults={"first_name": full_name})
    if created:
        # The published demo password still goes through the validators like every other password.
        validate_password(DEMO_PASSWORD, user)
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, agency=agency, role=role)


@transaction.atomic
def load_county() -> DemoCounty:
    city = _agency(*CITY, parent=None)
    county = _agency(*COUNTY, parent=city)
    departments = [_agency(c, n, Level.COUNTY, Kind.DEPARTMENT, county, i) for i, (c, n) in enumerate(DEPARTMENTS)]
    townships = [_agency(c, n, Level.TOWNSHIP, Kind.TOWNSHIP, county, 100 + i) for i, (c, n) in enumerate(TOWNSHIPS)]
    for username, role, name in ROLE_USERS:
        _user(username, name, county, role)
    _user("edu_clerk", "教育局经办人 孙悦", departments[0], Role.CLERK)
    _user("edu_reviewer", "教育局保密审查 周洋", departments[0], Role.REVIEWER)
    _user("edu_approver", "教育局负责人 吴刚", departments[0], Role.APPROVER)
    _user("edu_head", "教育局公开办 郑丽", departments[0], Role.OFFICE_HEAD)
    _user("town_clerk", "城关镇经办人 冯涛", townships[0], Role.CLERK)
    _user("city_viewer", "市政务公开办 何琳", city, Role.SUPERIOR_VIEWER)
    user_model = get_user_model()
    admin, created = user_model.objects.get_or_create(username="admin", defaults={
        "is_superuser": True, "is_staff": True, "first_name": "平台管理员"})
    if created:
        validate_password(DEMO_PASSWORD, admin)
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    return DemoCounty(city, county, departments, townships)


def scale_agencies(*, cities: int, counties: int, departments: int, townships: int) -> list[Agency]:
    """A synthetic province: 1 + cities × (1 + counties × (1 + departments + townships)) agencies.

    Codes are 9-digit local codes in a reserved range (9xxxxxxxx) so they never meet real ones, numbered
    depth first. Users: one clerk per agency (username ``s<code>``). Idempotent: existing codes are kept.
    Written a tree level at a time with ``bulk_create`` (10,000 agencies in seconds); each new agency's
    ``path`` is set from its parent's once the ids are known, as ``Agency.save`` would.
    """
    existing = {a.code: a for a in Agency.objects.filter(code__startswith="9")}
    serial = iter(range(900000000, 999999999))
    # (code, name, level, kind, parent code) in depth-first order, then written level by level.
    levels: list[list[tuple[str, str, str, str, str | None]]] = [[], [], [], []]
    province = str(next(serial))
    levels[0].append((province, "示范省人民政府", Level.PROVINCE, Kind.GOVERNMENT, None))
    for c in range(cities):
        city = str(next(serial))
        levels[1].append((city, f"示范省第{c + 1}市人民政府", Level.CITY, Kind.GOVERNMENT, province))
        for k in range(counties):
            county = str(next(serial))
            levels[2].append((county, f"第{c + 1}市第{k + 1}县人民政府", Level.COUNTY, Kind.GOVERNMENT, city))
            for d in range(departments):
                levels[3].append((str(next(serial)), f"第{c + 1}市第{k + 1}县第{d + 1}局", Level.COUNTY,
                                  Kind.DEPARTMENT, county))
            for t in range(townships):
                levels[3].append((str(next(serial)), f"第{c + 1}市第{k + 1}县第{t + 1}镇人民政府", Level.TOWNSHIP,
                                  Kind.TOWNSHIP, county))
    by_code: dict[str, Agency] = {}
    with transaction.atomic():
        for specs in levels:
            new = [Agency(code=code, name=name, level=level, kind=kind,
                          parent=by_code[parent] if parent else None, **_guide(name))
                   for code, name, level, kind, parent in specs if code not in existing]
            Agency.objects.bulk_create(new, batch_size=2000)
            for a in new:
                a.path = a.compute_path()
            Agency.objects.bulk_update(new, ["path"], batch_size=2000)
            by_code.update({a.code: a for a in new})
            by_code.update({code: existing[code] for code, *_ in specs if code in existing})
        made = [by_code[code] for specs in levels for code, *_ in specs]
        user_model = get_user_model()
        have = set(user_model.objects.filter(username__startswith="s9").values_list("username", flat=True))
        new_users = [user_model(username=f"s{a.code}", first_name=f"{a.name}经办人") for a in made
                     if f"s{a.code}" not in have]
        for u in new_users:
            u.set_unusable_password()
        user_model.objects.bulk_create(new_users, batch_size=2000)
        users = dict(user_model.objects.filter(username__startswith="s9").values_list("username", "id"))
        Membership.objects.bulk_create(
            [Membership(user_id=users[f"s{a.code}"], agency=a, role=Role.CLERK) for a in made],
            batch_size=2000, ignore_conflicts=True,
        )
    return made
