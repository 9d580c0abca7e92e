# Run with `manage.py shell`: a small portal with every kind of row the backup must carry.
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role
from accounts.services import account_setup
from pilots.models import PublicationStatus, Region
from reports.services.attachments import attachment_add
from reports.services.records import RecordChanges, record_create
from reports.services.transitions import record_submit
from search.indexing import search_index_rebuild
from tests.factories import a_unit, an_article

province = Region.objects.create(name="浙江省", level="province")
city = Region.objects.create(name="台州市", level="city", parent=province)
county = Region.objects.create(name="温岭市", level="county", parent=city)
street = Region.objects.create(name="城东街道", level="street", parent=county)
unit = a_unit("温岭市城东街道总工会", region=street, profile="推行帮扶点单服务，建成职工服务中心。")
draft = a_unit("温岭市草稿街道总工会", region=street, status=PublicationStatus.DRAFT)
an_article(unit, headline="城东街道帮扶职工", body="街道工会开展帮扶活动，服务职工。")
user, _ = account_setup(username="backup_sub", role=Role.SUBMITTER, unit=unit)
record = record_create(actor=user, unit=unit, year=2019, changes=RecordChanges(texts={"highlights": "亮点"}))
pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256)) * 40
attachment_add(actor=user, record=record, upload=SimpleUploadedFile("报告.pdf", pdf, content_type="application/pdf"))
record_submit(actor=user, record=record, comment="请审核")
search_index_rebuild()
