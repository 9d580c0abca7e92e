"""Chinese names for the browsable API and the Swagger sections (DRF and drf-spectacular name
them after class names and URL segments: "Unit List", "units")."""

from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework.views import get_view_name

# By router basename (and, for Swagger, the first URL segment after /api/).
RESOURCES = {
    "unit": _("试点单位"),
    "units": _("试点单位"),
    "article": _("文章"),
    "articles": _("文章"),
    "region": _("行政区划"),
    "regions": _("行政区划"),
    "practice": _("改革做法"),
    "practices": _("改革做法"),
    "practice-area": _("做法领域"),
    "practice-areas": _("做法领域"),
    "indicator": _("指标定义"),
    "indicators": _("指标定义"),
    "case": _("案例检索"),
    "cases": _("案例检索"),
    "record": _("年度报告"),
    "records": _("年度报告"),
    "dashboards": _("统计概览"),
}
SUFFIXES = {"List": _("列表"), "Instance": _("详情")}
DESCRIPTIONS = {
    "unit": _("已发布的试点单位；详情含改革举措、服务阵地、指标数据和文章。"),
    "article": _("已发布的文章，含正文和出处。"),
    "region": _("行政区划（省、市、县、街道乡镇）。"),
    "practice": _("改革做法分类，按代码查询。"),
    "practice-area": _("做法领域及其下的做法代码。"),
    "indicator": _("标准指标的定义：数值类型、单位和取值范围。"),
    "case": _("案例检索：相关度排序、筛选、分面计数与导出（CSV、Excel、JSON）。"),
    "record": _("本账号可见的年度报告：新建、修改（带 version）、报送、审核、退回、重新打开。"),
}


def view_name(view) -> str:
    basename = getattr(view, "basename", None)
    if basename in RESOURCES:
        name = str(RESOURCES[basename])
        suffix = getattr(view, "suffix", None)
        action = getattr(view, "action", None)
        if action and action not in ("list", "retrieve", "create", "update", "partial_update", "destroy"):
            return f"{name} · {action}"
        return name + (str(SUFFIXES[suffix]) if suffix in SUFFIXES else "")
    if view.__class__.__name__ == "APIRootView":
        return gettext("接口目录")

    return get_view_name(view)


def view_description(view, html: bool = False) -> str:
    basename = getattr(view, "basename", None)
    text = str(DESCRIPTIONS.get(basename, ""))
    if not text and view.__class__.__name__ == "APIRootView":
        text = gettext("浙江省基层工会改革试点案例库的接口；文档见 /api/docs/。")
    if html:
        return f"<p>{escape(text)}</p>" if text else ""
    return text


def chinese_tags(result, generator, request, public):
    """drf-spectacular postprocessing hook: Swagger sections named in Chinese."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if isinstance(operation, dict) and "tags" in operation:
                operation["tags"] = [str(RESOURCES.get(tag, tag)) for tag in operation["tags"]]
    return result
