import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# Load jieba's dictionary before gunicorn --preload forks its workers: one copy, and no request
# pays for it.
from search.segment import initialise  # noqa: E402

initialise()
