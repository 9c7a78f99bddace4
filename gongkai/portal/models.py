"""The public site's identity (``SiteSettings``): the organiser and operator named in the footer, the
contact line, 网站标识码, ICP备案号 and 公安备案号, and the site's own address used to build absolute
links (the 指南's links to the online form and the fee rules).

One row, edited by platform admins in /admin/ (each change is an event through ``EventLoggedAdmin``).
The footer of every public page reads it through ``gongkai.portal.site.current`` (cached briefly per
process); the portal page cache keys on its ``updated_at``, so a change shows on the next page build.
《政府网站发展指引》（国办发〔2017〕47号） asks every government site to show its organiser, 网站标识码
and the ICP and public-security filing numbers at the foot of each page.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteSettings(models.Model):
    site_name = models.CharField(_("网站名称"), max_length=80, default="政府信息公开平台")
    base_url = models.URLField(_("网站地址"), max_length=200, blank=True, default="",
                               help_text=_("用于生成指南等页面中的完整链接，如 https://www.example.gov.cn；"
                                           "留空时使用环境变量 GONGKAI_SITE_DOMAIN"))
    organiser = models.CharField(_("主办单位"), max_length=120, blank=True, default="")
    operator = models.CharField(_("承办单位"), max_length=120, blank=True, default="")
    contact = models.CharField(_("联系方式"), max_length=200, blank=True, default="",
                               help_text=_("如：联系电话 0000-00000000，电子邮箱 gk@example.gov.cn"))
    site_code = models.CharField(_("网站标识码"), max_length=20, blank=True, default="")
    icp_number = models.CharField(_("ICP备案号"), max_length=60, blank=True, default="")
    police_number = models.CharField(_("公安机关备案号"), max_length=60, blank=True, default="")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("网站设置")
        verbose_name_plural = _("网站设置")

    def __str__(self) -> str:
        return self.site_name
