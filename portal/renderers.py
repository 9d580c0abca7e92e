"""The browsable API (served with DEBUG on only): DRF's pages set styles inline, which the portal's strict
Content-Security-Policy refuses (the browser logs an error and drops the layout). Those pages alone allow
inline styles; inline scripts stay refused everywhere."""

from rest_framework.renderers import BrowsableAPIRenderer


class PortalBrowsableAPIRenderer(BrowsableAPIRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src": ["'unsafe-inline'"]}  # read by django-csp's middleware
        return super().render(data, accepted_media_type, renderer_context)
