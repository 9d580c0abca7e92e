"""Form widgets that know a name from a label: places and units stay as printed, marked as Chinese."""

from django import forms


class NameSelect(forms.Select):
    """A select whose options are names (regions, units): each option with a value says ``lang="zh"``,
    so the English UI shows them as the proper names they are (the empty choice is a label, translated)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value not in (None, ""):
            option["attrs"] = {**option["attrs"], "lang": "zh"}
        return option
