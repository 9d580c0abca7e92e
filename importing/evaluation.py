"""Measuring the importer against a hand-labelled file of expected pieces and figures.

The labelled files live in ``tests/importing/expected/``: for one source, every piece with its
unit, places, column, headline, reporters and line span, and numeric facts (line, value and unit
as printed, qualifier, and for most the standard indicator it is). Pieces marked ``complete``
list *every* figure they print, so the share of extracted figures that are right (precision) is
measured on them; recall is measured on all.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from pilots.text import normalise_name

from .extract import indicator_codes
from .pipeline import ParsedFile, ParsedPiece
from .script import to_simplified, without_glosses

LINE_TOLERANCE = 4  # two printed lines: a figure's phrase may start on the line above its number
SPAN_TOLERANCE = 3
HELD_OUT_MARK = " （留出）"  # marks an error of a held-out piece in the details
FIELDS = (
    *("unit", "city", "county", "street", "kind", "column", "headline", "reporter"),
    *("photographers", "outlet", "page", "date", "start_line", "end_line"),
)
# Fields compared only where the labels carry them (older labels name no photographers or sources).
_OPTIONAL = ("photographers", "outlet", "page", "date")


@dataclass
class Evaluation:
    expected_pieces: int = 0
    found_pieces: int = 0
    matched_pieces: int = 0
    unmatched_expected: list[str] = field(default_factory=list)
    unmatched_found: list[str] = field(default_factory=list)
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    errors: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in FIELDS})
    facts_expected: int = 0
    facts_recalled: int = 0
    qualifiers_right: int = 0
    codes_labelled: int = 0
    codes_right: int = 0
    chinese_expected: int = 0  # labelled figures printed in Chinese numerals (``numerals: chinese``)
    chinese_recalled: int = 0
    chinese_extracted_in_complete: int = 0
    chinese_correct_in_complete: int = 0
    facts_extracted_in_complete: int = 0
    facts_correct_in_complete: int = 0
    missed_facts: list[str] = field(default_factory=list)
    wrong_facts: list[str] = field(default_factory=list)
    articles_found: int = 0  # matched pieces whose headline is right as well
    units_labelled: int = 0
    units_right: int = 0  # pieces whose whole list of units is right, main unit first
    labelled: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    unit_names_proposed: int = 0  # every unit name the importer proposed (main and others, extra pieces too)
    unit_names_real: int = 0  # of those, the names the labels list for the piece (or the file)
    wrong_unit_names: list[str] = field(default_factory=list)
    # Practices read from a piece against hand tags (pieces labelled with ``practices``), apart for
    # the pieces set aside before the practice rules were tuned (``practices_held_out`` or a held-out file).
    practices_tagged: int = 0
    practices_expected: int = 0
    practices_proposed: int = 0
    practices_right: int = 0
    heldout_practices_tagged: int = 0
    heldout_practices_expected: int = 0
    heldout_practices_proposed: int = 0
    heldout_practices_right: int = 0
    wrong_practices: list[str] = field(default_factory=list)
    missed_practices: list[str] = field(default_factory=list)

    def add(self, other: "Evaluation") -> None:
        """Fold another file's evaluation into this one (the overall figures)."""
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, dict):
                for key, item in value.items():
                    mine[key] = mine[key] + item
            else:
                setattr(self, name, mine + value)

    @property
    def articles_share(self) -> float:
        return self.articles_found / self.expected_pieces if self.expected_pieces else 0.0

    def accuracy(self, name: str) -> float:
        """The share of pieces labelled with the field that have it right (unfound pieces count as wrong)."""
        whole = self.labelled[name] or self.expected_pieces
        return self.correct[name] / whole if whole else 0.0

    @property
    def unit_name_precision(self) -> float:
        return self.unit_names_real / self.unit_names_proposed if self.unit_names_proposed else 0.0

    def practice_figures(self, which: str = "all") -> tuple[int, int, int, int]:
        """(pieces tagged, tags, practices proposed, proposed and tagged) for "all", "held_out" or "development"."""
        held = (
            self.heldout_practices_tagged,
            self.heldout_practices_expected,
            self.heldout_practices_proposed,
            self.heldout_practices_right,
        )
        every = (self.practices_tagged, self.practices_expected, self.practices_proposed, self.practices_right)
        if which == "held_out":
            return held
        if which == "development":
            return tuple(a - b for a, b in zip(every, held, strict=True))
        return every

    @property
    def recall(self) -> float:
        return self.facts_recalled / self.facts_expected if self.facts_expected else 0.0

    @property
    def precision(self) -> float:
        if not self.facts_extracted_in_complete:
            return 0.0
        return self.facts_correct_in_complete / self.facts_extracted_in_complete

    def as_dict(self) -> dict:
        return {
            "pieces": {
                "expected": self.expected_pieces,
                "found": self.found_pieces,
                "matched": self.matched_pieces,
                "unmatched_expected": self.unmatched_expected,
                "unmatched_found": self.unmatched_found,
                "articles_found": self.articles_found,
                "articles_share": round(self.articles_share, 4),
                "units_right": _share(self.units_right, self.units_labelled),
                "unit_names_proposed": self.unit_names_proposed,
                "unit_name_precision": _share(self.unit_names_real, self.unit_names_proposed),
            },
            "accuracy": {name: round(self.accuracy(name), 4) for name in FIELDS},
            "practices": {
                which: _practice_dict(*self.practice_figures(which)) for which in ("all", "held_out", "development")
            },
            "facts": {
                "expected": self.facts_expected,
                "recalled": self.facts_recalled,
                "recall": round(self.recall, 4),
                "qualifier_accuracy": _share(self.qualifiers_right, self.facts_recalled),
                "indicator_accuracy": _share(self.codes_right, self.codes_labelled),
                "extracted_in_complete_pieces": self.facts_extracted_in_complete,
                "correct_in_complete_pieces": self.facts_correct_in_complete,
                "precision": round(self.precision, 4),
                "chinese_numerals": {
                    "expected": self.chinese_expected,
                    "recalled": self.chinese_recalled,
                    "recall": _share(self.chinese_recalled, self.chinese_expected),
                    "extracted_in_complete_pieces": self.chinese_extracted_in_complete,
                    "precision": _share(self.chinese_correct_in_complete, self.chinese_extracted_in_complete),
                },
            },
        }


def _practice_dict(tagged: int, expected: int, proposed: int, right: int) -> dict:
    return {
        "pieces": tagged,
        "tags": expected,
        "proposed": proposed,
        "right": right,
        "precision": _share(right, proposed),
        "recall": _share(right, expected),
    }


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]) + 1)


def _number(value) -> Decimal:
    return Decimal(str(value)).normalize()


_WIDE = str.maketrans(",:;!?()", "，：；！？（）")


def _spaces(text: str | None) -> str | None:
    """A headline as read, not as typeset: spaces dropped, ASCII punctuation read as full width."""
    return "".join(text.split()).translate(_WIDE) if text else None


def evaluate(parsed: ParsedFile, expected: dict) -> Evaluation:
    """Compare a parsed file with its labels.

    With ``figures: arabic`` the labels list every figure printed in Arabic numerals, and only
    such figures the importer read count towards precision.
    """
    arabic = expected.get("figures") == "arabic"
    # Labels written as printed (traditional characters, pinyin glosses) are compared as the importer reads the page.
    expected = _as_read(expected, simplified=parsed.traditional)
    result = Evaluation(expected_pieces=len(expected["pieces"]), found_pieces=len(parsed.pieces))
    free = list(parsed.pieces)
    labelled_names = {
        normalise_name(u) for item in expected["pieces"] for u in item.get("units") or [item.get("unit")] if u
    }
    for item in expected["pieces"]:
        for name in FIELDS:
            result.labelled[name] += name in item or name == "reporter" or name == "unit"
        span = (item["start_line"], item["end_line"])
        best = max(free, key=lambda piece: _overlap(span, (piece.start_line, piece.end_line)), default=None)
        label = item.get("unit") or item["column"]
        if best is None or _overlap(span, (best.start_line, best.end_line)) * 2 < span[1] - span[0] + 1:
            result.unmatched_expected.append(f"{label} {span[0]}–{span[1]}")
            result.facts_expected += len(item.get("facts") or [])
            result.missed_facts += [
                f"{label} 第{fact['line']}行 {fact['value']}{fact['unit']}" for fact in item.get("facts") or []
            ]
            if "practices" in item:  # an unfound piece proposes nothing: every tag is missed
                _compare_practices(result, item, None, held_out=bool(expected.get("held_out")))
            continue
        free.remove(best)
        result.matched_pieces += 1
        _count_unit_names(result, best, labelled_names)
        _compare_fields(result, item, best)
        _compare_facts(result, item, best, arabic=arabic)
        if "practices" in item:
            _compare_practices(result, item, best, held_out=bool(expected.get("held_out")))
    result.unmatched_found = [
        f"{piece.unit_name or piece.section} {piece.start_line}–{piece.end_line}" for piece in free
    ]
    for piece in free:
        _count_unit_names(result, piece, labelled_names)
    return result


def _as_read(value, *, simplified: bool):
    if isinstance(value, str):
        value = without_glosses(value)
        return to_simplified(value) if simplified else value
    if isinstance(value, dict):
        return {key: _as_read(item, simplified=simplified) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_read(item, simplified=simplified) for item in value]
    return value


def _proposed_names(piece: ParsedPiece) -> list[str]:
    return piece.unit_names or ([piece.unit_name] if piece.unit_name else [])


def _count_unit_names(result: Evaluation, piece: ParsedPiece, real: set[str]) -> None:
    """Unit-name precision: a proposed name is real when the labels name that union."""
    for name in _proposed_names(piece):
        result.unit_names_proposed += 1
        if name in real:
            result.unit_names_real += 1
        else:
            result.wrong_unit_names.append(name)


def _compare_fields(result: Evaluation, item: dict, piece: ParsedPiece) -> None:
    reporters = "、".join(item.get("reporters") or []) or None
    pairs = {
        "unit": (normalise_name(item.get("unit") or "") or None, piece.unit_name),
        "city": (item.get("city"), piece.city),
        "county": (item.get("county"), piece.county),
        "street": (item.get("street"), piece.street),
        "kind": (item.get("kind"), piece.unit_kind),
        "column": (item["column"], "news" if piece.section == "article" else piece.section),
        "headline": (_spaces(item.get("headline")), _spaces(piece.headline)),
        "reporter": (reporters, piece.reporter),
        "photographers": (item.get("photographers") or [], list(piece.photographers)),
        "outlet": (item.get("outlet"), getattr(piece, "outlet", None)),
        "page": (item.get("page"), getattr(piece, "page", None)),
        "date": (str(item["date"]) if item.get("date") else None, getattr(piece, "date", None)),
    }
    kicked = _spaces(f"{piece.kicker}：{piece.headline}") if piece.kicker and piece.headline else None
    if kicked is not None and pairs["headline"][0] == kicked:
        pairs["headline"] = (kicked, kicked)  # the title line as printed: kicker and headline
    if pairs["headline"][0] == pairs["headline"][1]:
        result.articles_found += 1
    if "units" in item:
        result.units_labelled += 1
        got_units = _proposed_names(piece)
        result.units_right += [normalise_name(u) for u in item["units"]] == got_units
    for name, (want, got) in pairs.items():
        if name not in item and name not in ("unit", "reporter"):
            continue  # not labelled for this piece
        if want == got:
            result.correct[name] += 1
        else:
            result.errors[name].append(f"{item.get('unit') or item['column']}：应为 {want!r}，得到 {got!r}")
    for name, want, got in (
        ("start_line", item["start_line"], piece.start_line),
        ("end_line", item["end_line"], piece.end_line),
    ):
        if abs(want - got) <= SPAN_TOLERANCE:
            result.correct[name] += 1
        else:
            result.errors[name].append(f"{item.get('unit') or item['column']}：应为 {want}，得到 {got}")


def _compare_facts(result: Evaluation, item: dict, piece: ParsedPiece, *, arabic: bool = False) -> None:
    facts = item.get("facts") or []
    label = item.get("unit") or item["column"]
    figures = [f for f in piece.indicators if not arabic or f.raw.lstrip("近约超过逾")[:1].isdigit()]
    used: set[int] = set()
    for fact in facts:
        result.facts_expected += 1
        result.chinese_expected += fact.get("numerals") == "chinese"
        candidates = [
            k
            for k, figure in enumerate(figures)
            if k not in used
            and abs(figure.line - fact["line"]) <= LINE_TOLERANCE
            and figure.value.normalize() == _number(fact["value"])
            and figure.unit == fact["unit"]
        ]
        if not candidates:
            result.missed_facts.append(f"{label} 第{fact['line']}行 {fact['value']}{fact['unit']}")
            continue
        k = min(candidates, key=lambda k: abs(figures[k].line - fact["line"]))
        used.add(k)
        result.facts_recalled += 1
        result.chinese_recalled += fact.get("numerals") == "chinese"
        result.qualifiers_right += figures[k].qualifier == fact.get("qualifier")
        if fact.get("indicator"):
            result.codes_labelled += 1
            result.codes_right += fact["indicator"] in indicator_codes(figures[k])
    if item.get("complete"):
        result.facts_extracted_in_complete += len(figures)
        result.facts_correct_in_complete += len(used)
        chinese = [k for k, figure in enumerate(figures) if _in_words(figure)]
        result.chinese_extracted_in_complete += len(chinese)
        result.chinese_correct_in_complete += len(used & set(chinese))
        result.wrong_facts += [
            f"{label} 第{figure.line}行 {figure.raw}" for k, figure in enumerate(figures) if k not in used
        ]


def _in_words(figure) -> bool:
    """A figure printed in Chinese numerals ("十余位", "近百个"), not in Arabic digits."""
    return not figure.raw.lstrip("近约超过逾")[:1].isdigit()


def _compare_practices(result: Evaluation, item: dict, piece: ParsedPiece | None, *, held_out: bool) -> None:
    """Practice precision and recall over (piece, practice) pairs: tags read by hand against the proposals."""
    want = set(item["practices"] or [])
    got = set(piece.practices) if piece is not None else set()
    right = len(want & got)
    held_out = held_out or bool(item.get("practices_held_out"))
    result.practices_tagged += 1
    result.practices_expected += len(want)
    result.practices_proposed += len(got)
    result.practices_right += right
    if held_out:
        result.heldout_practices_tagged += 1
        result.heldout_practices_expected += len(want)
        result.heldout_practices_proposed += len(got)
        result.heldout_practices_right += right
    label = f"{item.get('unit') or item['column']} 第{item['start_line']}行"
    mark = HELD_OUT_MARK if held_out else ""
    result.wrong_practices += [f"{label}{mark}：{code}" for code in sorted(got - want)]
    result.missed_practices += [f"{label}{mark}：{code}" for code in sorted(want - got)]
