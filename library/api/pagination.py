from rest_framework.pagination import PageNumberPagination

from pilots.validation import parse_integer


class PortalPagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}`` with ``?page_size=`` up to 500."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    # Both numbers are read by the portal's one parser: ``?page=٣`` is no page 3 (404, as any page that
    # is not a number), ``?page_size=٣`` no size 3 (the default size, as any size that is not a number).
    def get_page_number(self, request, paginator):
        raw = super().get_page_number(request, paginator)
        if raw in self.last_page_strings:
            return raw
        number = parse_integer(raw, minimum=1)
        return number if number is not None else "-"

    def get_page_size(self, request):
        number = parse_integer(request.query_params.get(self.page_size_query_param, ""), minimum=1)
        return min(number, self.max_page_size) if number is not None else self.page_size
