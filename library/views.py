"""The public case library: home, results with facets, case page, article page."""

from urllib.parse import quote_plus, urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from library.facets import FACET_PARAMS, FACETS, proper_name_params
from library.filters import WORDS_ANY
from library.results import ORDERINGS, RELEVANCE, CaseSearch
from pilots import selectors
from pilots.models import Article, ArticleColumn, PracticeArea
from pilots.text import is_subhead
from pilots.validation import page_number
from reports.selectors import RECORD_SOURCES
from search.forms import SearchQueryField
from search.highlight import highlight
from search.similar import similar_units

PAGE_SIZE = 20


def home(request):
    units = selectors.public_units()
    rows = units.values("region__city__name").annotate(count=Count("pk")).order_by("-count", "region__city__name")
    cities = [{"name": row["region__city__name"], "count": row["count"]} for row in rows if row["region__city__name"]]
    areas = PracticeArea.objects.prefetch_related("practices").annotate(
        count=Count("practices__measures__unit", distinct=True)
    )
    columns = dict(ArticleColumn.choices)
    column_counts = [
        {"value": row["column"], "label": columns.get(row["column"], row["column"]), "count": row["count"]}
        for row in Article.objects.published().values("column").annotate(count=Count("pk")).order_by("-count", "column")
    ]
    context = {
        "unit_count": units.count(),
        "article_count": Article.objects.published().count(),
        "city_count": len(cities),
        "cities": cities,
        "areas": areas,
        "columns": column_counts,
    }
    return render(request, "library/home.html", context)


def _url(params: dict) -> str:
    return "?" + urlencode([(key, value) for key, values in params.items() for value in values], doseq=False)


def _chips(data, facets: list[dict]) -> list[dict]:
    """The active filters as removable chips, each with the link that removes it."""
    labels = {(facet["param"], value["value"]): value["label"] for facet in facets for value in facet["values"]}
    names = {facet.param: facet.label for facet in FACETS}
    proper_names = proper_name_params()
    chips = []
    for param in data:
        if param not in FACET_PARAMS:
            continue
        for value in data.getlist(param):
            rest = {key: [v for v in data.getlist(key) if not (key == param and v == value)] for key in data}
            rest.pop("page", None)
            label = labels.get((param, value), value)
            chips.append(
                {
                    "label": _("%(name)s：%(value)s") % {"name": names[param], "value": label},
                    "name": names[param],
                    "value": label,
                    "proper_name": param in proper_names,
                    "remove": _url(rest),
                }
            )
    return chips


def _facet_links(data, facets: list[dict]) -> list[dict]:
    """Each value's link: the request's parameters but the page, with the value added (or put in
    place of the facet's, for a single choice), or taken out when chosen; the facet's parameter
    where the request has it, else last. What ``_url`` writes, each parameter encoded once (a
    page has about 150 values)."""
    keys = [key for key in data if key != "page"]
    encoded = {key: [_pair(key, value) for value in data.getlist(key)] for key in keys}
    for facet in facets:
        param = facet["param"]
        order = keys if param in encoded else [*keys, param]
        at = order.index(param)
        before = [piece for key in order[:at] for piece in encoded[key]]
        after = [piece for key in order[at + 1 :] for piece in encoded[key]]
        current = data.getlist(param)
        for value in facet["values"]:
            if value["selected"]:
                chosen = [v for v in current if v != value["value"]]
            elif facet["multiple"]:
                chosen = [*current, value["value"]]
            else:
                chosen = [value["value"]]
            value["url"] = "?" + "&".join([*before, *(_pair(param, v) for v in chosen), *after])
    return facets


def _pair(key: str, value: str) -> str:
    return f"{quote_plus(key)}={quote_plus(value)}"  # as urlencode() writes a pair


def _other_words(data, search: CaseSearch, count: int) -> dict:
    """Several words find the cases holding all of them. When all of them find nothing, the page says
    so and offers the cases holding any of them (with their number); a list of any of them links
    back to all of them."""
    query = search.query
    if query is None or not query.widens:
        return {}
    words = [group.word for group in query.groups]
    params = {key: data.getlist(key) for key in data if key not in {"page", "words"}}
    if query.any_word:
        return {"words": words, "all_words_url": _url(params)}
    if count:
        return {"words": words}
    widened = CaseSearch(
        QueryDict(urlencode([(k, v) for k, vs in params.items() for v in vs] + [("words", WORDS_ANY)]))
    )
    if widened.errors:
        return {"words": words}
    any_url = _url({**params, "words": [WORDS_ANY]})
    return {"words": words, "any_words_url": any_url, "any_words_count": len(widened.results)}


def case_list(request):
    data = request.GET
    search = CaseSearch(data)
    context = {"q": data.get("q", ""), "errors": [], "page": None, "facets": [], "chips": []}
    status = 200
    if search.errors:
        context["errors"] = search.error_lines()
        status = 400
    else:
        context["page"] = Paginator(search.results, PAGE_SIZE).get_page(page_number(data.get("page")))
        context.update(_other_words(data, search, context["page"].paginator.count))
        context["facets"] = _facet_links(data, search.facets())
        context["chips"] = _chips(data, context["facets"])
        context["ordering"] = search.ordering
        context["searching"] = search.searching
        params = {key: data.getlist(key) for key in data if key not in {"page", "format"}}
        context["base_query"] = _url(params)
        context["page_query"] = _url(params) + "&page="
        context["sort_links"] = [
            (
                ordering.value,
                ordering.label,
                _url({**{k: v for k, v in params.items() if k != "ordering"}, "ordering": [ordering.value]}),
            )
            for ordering in ORDERINGS
            if ordering.value != RELEVANCE or search.searching
        ]
    return render(request, "library/case_list.html", context, status=status)


def _highlight_terms(request) -> list[str]:
    try:
        query = SearchQueryField().clean(request.GET.get("q", ""))
    except Exception:
        return []
    return query.highlight_terms if query else []


def case_detail(request, pk: int):
    unit = get_object_or_404(selectors.public_unit_detail(**RECORD_SOURCES), pk=pk)
    terms = _highlight_terms(request)
    articles = [(article, highlight(article.body, terms)) for article in unit.articles.all()]
    tiers = {}
    for position in unit.positions.all():
        tiers.setdefault(position.get_tier_display(), []).append(position)
    context = {
        "unit": unit,
        "parent": selectors.public_parent(unit),
        "articles": articles,
        "tiers": tiers,
        "similar": similar_units(unit),
        "q": request.GET.get("q", "") if terms else "",
    }
    return render(request, "library/case_detail.html", context)


def article_detail(request, pk: int):
    article = get_object_or_404(selectors.public_articles(), pk=pk)
    terms = _highlight_terms(request)
    units = list(article.units.all())  # public_articles() prefetches the published ones only
    # The body as stored: paragraphs between blank lines, a subheading alone on its own.
    blocks = [
        {"subhead": is_subhead(block), "html": highlight(block, terms)}
        for block in (" ".join(part.split()) for part in article.body.split("\n\n"))
        if block
    ]
    context = {"article": article, "blocks": blocks, "units": units}
    return render(request, "library/article_detail.html", context)
