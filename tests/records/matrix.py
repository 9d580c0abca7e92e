"""The role × scope × action matrix of the reporting workflow, read by the matrix test and the screens test.

The record belongs to a street union of 温岭市 (台州市). "own" actors: its submitter, the 温岭市
and 台州市 reviewers; "foreign": a submitter of an 安吉县 union and the 安吉县 reviewer.
Expected: 404 outside the scope (existence not revealed), 403 without the right, success otherwise.
"""

ACTORS = [
    "submitter_own",
    "submitter_foreign",
    "reviewer_county",
    "reviewer_city",
    "reviewer_foreign",
    "staff",
    "editor",
    "admin",
    "no_role",
]

# action, the state the record is in, then the outcome per actor in ACTORS' order: ok, 403 or 404.
TABLE = """
retrieve           draft      ok  404 ok  ok  404 ok  404 ok  404
retrieve_approved  approved   ok  404 ok  ok  404 ok  ok  ok  404
patch              draft      ok  404 403 403 404 403 404 ok  404
submit             draft      ok  404 403 403 404 403 404 ok  404
approve            submitted  403 404 ok  ok  404 403 404 ok  404
return             submitted  403 404 ok  ok  404 403 404 ok  404
reopen             approved   403 404 ok  ok  404 403 403 ok  404
"""


def _outcome(cell: str):
    return cell if cell == "ok" else int(cell)


MATRIX = {
    action: (state, {actor: _outcome(cell) for actor, cell in zip(ACTORS, cells, strict=True)})
    for action, state, *cells in (line.split() for line in TABLE.strip().splitlines())
}
