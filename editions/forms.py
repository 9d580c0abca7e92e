from django import forms
from django.utils.translation import gettext_lazy as _

from pilots.models import Volume as VolumeKind

from .models import Edition

COVER_MAX_BYTES = 8 * 1024 * 1024


class EditionForm(forms.ModelForm):
    def clean_cover_image(self):
        image = self.cleaned_data.get("cover_image")
        if image and getattr(image, "size", 0) > COVER_MAX_BYTES:
            raise forms.ValidationError(_("封面图片不能超过 8 MB。"))
        if image and hasattr(image, "content_type") and image.content_type not in ("image/jpeg", "image/png"):
            raise forms.ValidationError(_("封面图片只能是 JPEG 或 PNG。"))
        return image

    class Meta:
        model = Edition
        fields = ["title", "magazine", "issue_label", "issue_date", "publisher", "cover_image", "foreword", "afterword"]
        widgets = {
            "issue_date": forms.DateInput(attrs={"type": "date"}),
            "foreword": forms.Textarea(attrs={"rows": 4}),
            "afterword": forms.Textarea(attrs={"rows": 4}),
        }


class VolumeForm(forms.Form):
    name = forms.CharField(label=_("分册名称"), max_length=40)
    kind = forms.ChoiceField(label=_("试点类型"), choices=[("", _("不限")), *VolumeKind.choices], required=False)


class SectionForm(forms.Form):
    title = forms.CharField(label=_("栏目名称"), max_length=60)


class OverviewForm(forms.Form):
    overview_text = forms.CharField(
        label=_("综述正文"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "占位符：{占比：做法} 插入占比，{单位数：做法} 插入单位数，{总数} 插入统计的单位总数；"
            "可用“插入数字”列表插入。"
        ),
    )
    figures_table = forms.BooleanField(
        label=_("在综述后印出做法采用表"),
        required=False,
        help_text=_("表题注明“据本刊 N 篇稿件统计”；不勾选则印刷版只有综述正文。"),
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("编者按"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class FreezeForm(forms.Form):
    accept = forms.BooleanField(label=_("我已看过以上提示，仍然定稿"), required=False)
    comment = forms.CharField(
        label=_("定稿说明"),
        required=False,
        max_length=200,
        help_text=_("这一版改了什么，记录在版本列表中"),
        widget=forms.TextInput(attrs={"placeholder": _("如：调整速写顺序，补编者按")}),
    )
