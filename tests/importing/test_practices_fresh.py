"""Practices on real pages never seen before (issue 21, sixth pass): the kinds of false and missed tags
found on the fresh sets outside the repository, each fixed by a general rule.

The sentences are invented for these tests (the fresh pages are third-party texts kept outside the
repository); each pair shows the rule leaving the practice out and still reading it where it is said.
"""

import pytest

from pilots.vocabulary import practices_in


def test_a_future_will_before_a_preposition_is_a_plan():
    # 将 + preposition (按照, 于, 在 …) is what the union will do; 将 taking an object reports what it did
    assert "assessment" not in practices_in("社区工会将按照“1+2+N”模式配齐人员，健全考评机制。")
    assert "assessment" not in practices_in("该制度将于下月起实行，纳入年度考核办法。")
    assert "assessment" in practices_in("社区工会按照“1+2+N”模式配齐人员，健全考评机制。")
    assert "bookrooms" in practices_in("镇总工会将职工书屋搬进了工业园区。")
