"""The upload of a text to import, on the import list (the import runs as a job)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from importing.pipeline import FORMATS

FORMAT_LABELS = {"auto": _("按内容判断"), "compilation": _("专刊汇编"), "article": _("报刊文章")}


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("文本文件"), help_text=_("UTF-8 或 GB18030 编码的纯文本"))
    format = forms.ChoiceField(
        label=_("类型"), choices=[(value, FORMAT_LABELS[value]) for value in FORMATS], initial="auto"
    )
    outlet = forms.CharField(label=_("来源媒体"), max_length=100, required=False, help_text=_("页面未写明时使用"))
    date = forms.DateField(
        label=_("发表日期"),
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text=_("YYYY-MM-DD，页面未写明时使用"),
        error_messages={"invalid": _("发表日期应为 YYYY-MM-DD 格式。")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("文件过大（%(size)s），上限为 %(limit)s。")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("文件是空的。"))
        return upload
