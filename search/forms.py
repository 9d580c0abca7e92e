from django import forms

from .query import MAX_QUERY_LENGTH, QueryError, parse_query


class SearchQueryField(forms.CharField):
    """A search box: validates the query (length, at least one word) and cleans it to a SearchQuery."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        if len(text) > MAX_QUERY_LENGTH:  # before segmenting: never segment an unbounded input
            text = text[: MAX_QUERY_LENGTH + 1]
        try:
            return parse_query(text)
        except QueryError as error:
            raise forms.ValidationError(str(error), code="invalid_query") from None
