"""What a browser submits for a rendered form: every control's default, blank rows included.

Tests that post hand-made dictionaries miss what people hit (a blank row's dropdown still sends its
first option); these helpers read the page as served and submit it like Chromium does.
"""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_class: str):
        super().__init__(convert_charrefs=True)
        self.form_class = form_class
        self.in_form = self.in_template = False
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.select_options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.form_class in (a.get("class") or "").split():
            self.in_form = True
        if not self.in_form:
            return
        if tag == "template":
            self.in_template = True
        if self.in_template:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self.select, self.select_options = name, []
        elif tag == "option" and self.select is not None:
            self.select_options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template = False
        if tag == "form":
            self.in_form = False
        if tag == "select" and self.select is not None:
            chosen = [v for v, selected in self.select_options if selected] or [v for v, _s in self.select_options[:1]]
            self.fields.extend((self.select, v) for v in chosen)
            self.select = None
        if tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.text += data


def rendered_form(html: str, form_class: str = "record-form") -> list[tuple[str, str]]:
    reader = _FormReader(form_class)
    reader.feed(html)
    return reader.fields


def filled(fields: list[tuple[str, str]], **changes: str) -> dict[str, list[str]]:
    """The form's data with some fields typed over (as a dict of lists for the test client)."""
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = [value]
    return data
