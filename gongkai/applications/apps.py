"""App configuration for ``gongkai.applications``; connects the calendar-change receiver."""

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.applications.workflow import TABLE
        from gongkai.core import eventlabels

        # Chinese words for the applications' event keys; the past-tense keys are those of events written
        # before the actions took their table names (the log is append-only, so old rows keep them).
        eventlabels.register({f"application.{r.action}": TABLE.label(r.action) for r in TABLE.rows} | {
            "application.submitted": "收到申请", "application.identity_viewed": "查看证件号码",
            "application.letter_delivered": "登记文书送达", "application.letter_template_saved": "保存文书模板",
            "application.letter_regenerated": "重新生成文书（保留原件）",
            "application.keys_rotated": "更换加密密钥",
            "application.correction_requested": "发出补正告知", "application.correction_received": "收到补正材料",
            "application.consultation_opened": "征求意见", "application.consultation_closed": "征求意见结束",
            "application.extension_approved": "批准延期答复", "application.art35_deadline_set": "确定合理答复期限",
            "application.fee_notice_sent": "发出收费通知",
        })
        from gongkai.applications import signals  # noqa: F401
