"""The county standard directories (基层政务公开标准目录) as data: the pilot domains, the publication
channels a directory ticks, and the reading of a 公开时限 text into workdays.

国办发〔2019〕54号 (关于全面推进基层政务公开标准化规范化工作的指导意见) asks county and township
governments to compile, per domain, directories following the standard guidelines that State Council
departments issued for 26 pilot domains. The domain list below follows the issue that asked for this
feature; three domains are verified against published county directories (``STANDARD_DIRECTORIES``,
each with its source). Guangzhou's implementation plan (穗府办函〔2020〕53号) names the planning domain
"国土空间规划" — later guidelines renamed 城乡规划 — so the label carries both.
"""

from __future__ import annotations

import re
from pathlib import Path

DOMAINS: tuple[tuple[str, str], ...] = (
    ("major_projects", "重大建设项目"), ("public_resource_trading", "公共资源交易"),
    ("budgets", "财政预决算"), ("work_safety", "安全生产"), ("taxation", "税收管理"),
    ("land_compensation", "征地补偿"), ("housing_expropriation", "国有土地上房屋征收"),
    ("rural_housing", "农村危房改造"), ("poverty_relief", "扶贫"), ("legal_services", "公共法律服务"),
    ("planning", "城乡规划（国土空间规划）"), ("compulsory_education", "义务教育"),
    ("medical_care", "医疗卫生"), ("food_drugs", "食品药品监管"), ("environment", "环境保护"),
    ("employment", "就业"), ("social_insurance", "社会保险"), ("social_assistance", "社会救助"),
    ("elderly_care", "养老服务"), ("household_registration", "户籍管理"),
    ("agricultural_subsidies", "涉农补贴"), ("public_culture", "公共文化服务"),
    ("municipal_services", "市政服务"), ("disaster_relief", "救灾"), ("affordable_housing", "保障性住房"),
    ("health", "卫生健康"),
)
DOMAIN_LABELS = dict(DOMAINS)

# 公开渠道和载体: the checklist printed in every directory (■ ticked, □ not).
CHANNELS: tuple[tuple[str, str], ...] = (
    ("website", "政府网站"), ("gazette", "政府公报"), ("new_media", "两微一端"),
    ("press_hearing", "发布会/听证会"), ("broadcast", "广播电视"), ("print", "纸质媒体"),
    ("reading_point", "公开查阅点"), ("service_centre", "政务服务中心"), ("service_station", "便民服务站"),
    ("door_to_door", "入户/现场"), ("notice_board", "公示栏"), ("push", "精准推送"),
    ("hotline", "12345热线"), ("other", "其他"),
)
CHANNEL_LABELS = dict(CHANNELS)
# How directories spell the channels (variants seen in published ones).
_CHANNEL_ALIASES = {
    "政务新媒体": "new_media", "政府服务中心": "service_centre", "社区/企事业单位/村公示栏": "notice_board",
    "村居/企事业单位公示栏": "notice_board", "镇村公示公开栏": "notice_board", "线下公示栏": "notice_board",
    "入户/现场宣传": "door_to_door", "主流媒体": "broadcast",
}

LEVELS: tuple[tuple[str, str], ...] = (("county", "县级"), ("township", "乡级"), ("village", "村级"))

DATA_DIR = Path(__file__).resolve().parent / "data"
# Directories shipped as data, transcribed by hand from directories published by county governments.
STANDARD_DIRECTORIES: dict[str, str] = {
    "compulsory_education": "compulsory_education.json",
    "social_assistance": "social_assistance.json",
    "elderly_care": "elderly_care.json",
}

_WORKDAYS = re.compile(r"(\d+)\s*个?\s*工作日")


def time_limit_workdays(text: str) -> int | None:
    """The first "N个工作日" of a 公开时限 text ("信息形成或者变更之日起20个工作日内" -> 20); None when the
    text names no workday count ("实时更新", "及时公开"), which the compliance view cannot check."""
    match = _WORKDAYS.search(text.replace(" ", ""))
    return int(match.group(1)) if match else None


def channels_ticked(text: str) -> list[str]:
    """Channel keys ticked (■) in a 公开渠道和载体 cell; a cell listing names without boxes ticks them all."""
    text = text.replace("\n", " ")
    boxed = "■" in text or "□" in text
    found: list[str] = []
    for part in re.split(r"(?=[■□])", text):
        part = part.strip()
        if not part or (boxed and not part.startswith("■")):
            continue
        name = re.sub(r"\s+|（电子屏）|\(电子屏\)", "", part.lstrip("■□"))
        key = _CHANNEL_ALIASES.get(name) or next((k for k, label in CHANNELS if label == name), None)
        if key is None and name:
            key = next((k for k, label in CHANNELS if label in name), "other")
        if key and key not in found:
            found.append(key)
    return found
