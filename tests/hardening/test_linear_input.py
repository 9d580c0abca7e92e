"""No request body can stall a worker: 128 KB adversarial bodies cost about what a normal request does.

Every API operation that takes a body (found in the OpenAPI schema, so a new one is included) gets
bodies built to trip backtracking or recursion — an unfinished string of escaped quotes, brackets
nested 100,000 deep, a long run of one character, thousands of small containers — and must answer
4xx (or 2xx) within a few times the time of a normal request to the same operation, measured in
this test. The parser is spied on to make sure each body really reached it.
"""

import statistics
import time

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from importing.bylines import byline_line, lead, trailing_credit
from importing.extract import figures_in
from portal.parsers import PortalJSONParser
from reports.limits import MAX_TEXT_CHARS
from reports.models import TEXT_FIELDS

from .conftest import api_client

SIZE = 128 * 1024
RATIO = 10
# The least a normal request is taken to cost: a request of a few milliseconds varies several-fold with the
# machine's load, and 10x of 20 ms still refuses anything quadratic on 128 KB (seconds to minutes).
FLOOR = 0.02


def _fill(prefix: bytes, unit: bytes, suffix: bytes = b"") -> bytes:
    return prefix + unit * ((SIZE - len(prefix) - len(suffix)) // len(unit)) + suffix


ADVERSARIAL = {
    "unfinished escaped quotes": _fill(b'{"highlights":"', b'\\"'),
    "finished escaped quotes": _fill(b'{"comment":"', b'\\"', b'"}'),
    "escaped quotes and brackets": _fill(b'{"comment":"', b'\\"[{'),
    "nested brackets": _fill(b"", b"["),
    "nested objects": _fill(b"", b'{"a":'),
    "many small containers": _fill(b"[", b"[],", b"[]]"),
    "run of one character": _fill(b'{"comment":"', "工".encode(), b'"}'),
    "run of backslashes": _fill(b'{"comment":"', b"\\"),
    "run of surrogate escapes": _fill(b'{"comment":"', b"\\ud800", b'"}'),
    "run of quotes": _fill(b"", b'"'),
}
NORMAL = b'{"comment": "\xe6\xad\xa3\xe5\xb8\xb8"}'


def _body_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    )


@pytest.fixture
def parsed(monkeypatch):
    calls = []
    original = PortalJSONParser.parse

    def spy(self, stream, media_type=None, parser_context=None):
        calls.append(1)
        return original(self, stream, media_type, parser_context)

    monkeypatch.setattr(PortalJSONParser, "parse", spy)
    return calls


def _seconds(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _timed(call) -> tuple[float, int]:
    started = time.perf_counter()
    status = call().status_code
    return time.perf_counter() - started, status


def test_adversarial_bodies_cost_no_more_than_a_normal_request(accounts, a_record, parsed, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {}}
    operations = _body_operations()
    assert len(operations) >= 6, operations
    client = api_client(accounts["submitter_own"])
    record = a_record(status="draft")
    slow = []
    for method, path in operations:
        assert set(path.replace("{id}", "")).isdisjoint("{}"), f"{path}: fill in its parameters here"
        url = path.replace("{id}", str(record.pk))
        send = getattr(client, method.lower())

        def call(body, send=send, url=url):
            return send(url, data=body, content_type="application/json")

        call(NORMAL)  # warm up (first-request caches)
        normal = statistics.median(_timed(lambda: call(NORMAL))[0] for _ in range(5))
        for name, body in ADVERSARIAL.items():
            before = len(parsed)
            seconds, status = min(_timed(lambda body=body: call(body)) for _ in range(3))
            assert len(parsed) > before, f"{method} {path} {name}: the body never reached the parser"
            assert status < 500, f"{method} {path} {name}: {status}"
            if seconds > RATIO * max(normal, FLOOR):
                slow.append(f"{method} {path} {name}: {seconds:.3f} s against {normal:.3f} s normally")
    assert not slow, slow


# Narratives as long as a record takes, built to trip a backtracking pattern in what reads them after
# they are saved (the station numbers a narrative names, read on every view of the record).
NARRATIVES = {
    "numerals without 个": "0七" * (MAX_TEXT_CHARS // 2),
    "one long number": "1" * MAX_TEXT_CHARS,
    "a 1+N model never closed": "1+" * (MAX_TEXT_CHARS // 2),
    "spaces after a number": "1" + " " * (MAX_TEXT_CHARS - 2) + "+",
}


def test_stored_adversarial_narratives_cost_no_more_to_show_than_normal_ones(accounts, a_record, settings, client):
    """A record's four narratives at their longest, each built to trip backtracking: its API answer and
    its page (both read the narratives for warnings) cost at most RATIO times a normal record's."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {}}
    submitter = accounts["submitter_own"]
    api = api_client(submitter)
    client.force_login(submitter)
    record = a_record(status="draft")

    def save(text):
        version = api.get(f"/api/records/{record.pk}/").json()["version"]
        answer = api.patch(f"/api/records/{record.pk}/", {"version": version, **dict.fromkeys(TEXT_FIELDS, text)})
        assert answer.status_code == 200, answer.content

    def shown() -> float:
        started = time.perf_counter()
        assert api.get(f"/api/records/{record.pk}/").status_code == 200
        assert client.get(reverse("reports:record-detail", args=[record.pk])).status_code == 200
        return time.perf_counter() - started

    save("全年建成十四个职工服务站，形成1+14+N阵地体系。" * 20)
    shown()  # warm up
    normal = statistics.median(shown() for _ in range(3))
    slow = []
    for name, text in NARRATIVES.items():
        assert len(text) <= MAX_TEXT_CHARS
        save(text)
        seconds = min(shown() for _ in range(2))
        if seconds > RATIO * max(normal, FLOOR):
            slow.append(f"{name}: {seconds:.3f} s against {normal:.3f} s normally")
    assert not slow, slow


# Pieces an import reads as one string (figures_in joins a piece's lines): runs built to trip a
# backtracking pattern over the figures.
PIECE_SIZE = 8000
PIECES = {
    "one long number": "1" * PIECE_SIZE,
    "one long Chinese numeral": "一" * PIECE_SIZE,
    "dotted numbers": "1." * (PIECE_SIZE // 2),
    "numbers before 万 without a measure": "12万" * (PIECE_SIZE // 3),
}


def test_an_imported_pieces_figures_are_read_in_linear_time():
    normal_text = ("温岭市总工会在城东街道建成14个职工服务站，服务职工近1.2万人次。" * 300)[:PIECE_SIZE]
    figures_in([(1, normal_text)], default_year=2024)  # warm up
    normal = statistics.median(_seconds(lambda: figures_in([(1, normal_text)], default_year=2024)) for _ in range(3))
    slow = []
    for name, text in PIECES.items():
        seconds = _seconds(lambda text=text: figures_in([(1, text)], default_year=2024))
        if seconds > RATIO * max(normal, FLOOR):
            slow.append(f"{name}: {seconds:.3f} s against {normal:.3f} s for a normal piece")
    assert not slow, slow


# Lines an import reads for a byline ("记者 王明 报道"): runs of roles and names that a byline pattern
# could split in exponentially many ways (a few hundred bytes of upload held the import's worker).
BYLINE_RUNS = {
    "roles": "作者" * 50 + "，近日",
    "roles and names set apart by spaces": "记者 王明 " * 15 + "，近日",
    "names set apart by spaces": "王明 " * 200,
    "roles and names glued": "记者王明" * 300,
}


def test_a_leads_byline_is_read_in_linear_time():
    normal_text = "本报讯 记者 王明 通讯员 李华 报道 近日，温岭市总工会在城东街道建成14个职工服务站。"
    lead(normal_text)  # warm up
    normal = statistics.median(_seconds(lambda: lead(normal_text)) for _ in range(5))
    slow = []
    for name, text in BYLINE_RUNS.items():
        seconds = _seconds(lambda text=text: (lead(text), byline_line(text), trailing_credit(text)))
        if seconds > RATIO * max(normal, 0.05):
            slow.append(f"{name}: {seconds:.3f} s against {normal:.4f} s for a normal lead")
    assert not slow, slow
