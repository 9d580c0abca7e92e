"""What every page's frame shows: the footer's organiser, contact and ICP filing number (settings)."""

from django.conf import settings


def site(request):
    return {
        "site_footer": {
            "organiser": settings.PORTAL_ORGANISER,
            "contact": settings.PORTAL_CONTACT,
            "email": settings.PORTAL_CONTACT_EMAIL,
            "icp": settings.PORTAL_ICP,
            # a filing number as registered (浙ICP备…号), not the demo's translated note
            "icp_is_number": isinstance(settings.PORTAL_ICP, str),
        }
    }
