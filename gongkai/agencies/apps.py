"""App configuration for ``gongkai.agencies``."""

from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    label = "agencies"
    verbose_name = "机关"

    def ready(self) -> None:
        from gongkai.core import eventlabels

        eventlabels.register({
            "agency.created": "新建机关", "agency.updated": "修改机关信息", "membership.granted": "授予角色",
            "agency.sso_sign_in": "统一身份认证登录（同步岗位）",
            "membership.revoked": "撤销角色", "login.unlocked": "解除登录锁定", "enrolment.requested": "申请加入本机关",
            "enrolment.accepted": "同意加入", "enrolment.declined": "拒绝加入",
        })
