"""Template limits: forbidden characters named with their position, a size limit, and a
validation whose work is bounded on hostile bodies (counted calls, not timings)."""

from __future__ import annotations

import contextlib
import sys
import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sobrus_comm.domain import templating
from sobrus_comm.domain.invisible_chars import find_forbidden, strip_forbidden
from sobrus_comm.domain.models import Client
from sobrus_comm.domain.templating import (
    MAX_BODY_CHARS,
    MAX_REPORTED_ERRORS,
    ForbiddenCharError,
    RenderContext,
    TemplateProblemCode,
    TemplateTooBigError,
    parse,
    render,
    validate,
)

# The table is built from Unicode's own categories, over every code point.
_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_ALLOWED = set("\n\r\t\u200c\u200d")
FORBIDDEN = [chr(i) for i in range(sys.maxunicode + 1)
             if unicodedata.category(chr(i)) in _CATEGORIES and chr(i) not in _ALLOWED]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)]

BODY = "Bonjour {prenom}, il reste {solde} à régler. {pharmacie}"
CTX = RenderContext(
    Client(1, "Fatima", "El Amrani", "0612345678", Decimal("12.5"), date(2025, 1, 3)),
    "Pharmacie Atlas", date(2025, 3, 1),
)


def test_the_table_holds_what_the_issue_names() -> None:
    assert "\x00" in FORBIDDEN and set(BIDI) <= set(FORBIDDEN)
    assert len(FORBIDDEN) > 2000  # every Cc/Cf/Cs/Zl/Zp, tags and surrogates included


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(FORBIDDEN) | st.sampled_from(BIDI), st.integers(0, len(BODY)))
@example("\x00", 8)
@example("\u202e", 0)
def test_a_forbidden_character_is_named_with_its_position(char: str, at: int) -> None:
    body = BODY[:at] + char + BODY[at:]
    problems = validate(body)
    forbidden = [p for p in problems if p.code == TemplateProblemCode.FORBIDDEN_CHARS]
    assert len(forbidden) == 1
    message = forbidden[0].message_fr
    assert f"U+{ord(char):04X}" in message and f"au caractère {at + 1}" in message
    assert forbidden[0].position == at
    with pytest.raises(ForbiddenCharError):
        parse(body)  # a plan cannot be built from it either: it never reaches an SMS


def test_several_forbidden_characters_are_counted_and_the_first_named() -> None:
    body = "\x00" * 3 + "Bonjour" + "\u202e" * 5
    problems = validate(body)
    message = problems[0].message_fr
    assert message.startswith("8 caractères invisibles interdits : U+0000 (caractère nul)")
    assert "et 3 autres" in message and "Supprimez-les" in message


@given(st.text(st.characters(blacklist_categories=tuple(_CATEGORIES))
               | st.sampled_from(sorted(_ALLOWED)), min_size=1, max_size=60))
def test_ordinary_text_is_not_flagged(text: str) -> None:
    assert find_forbidden(text) == []
    assert all(p.code != TemplateProblemCode.FORBIDDEN_CHARS for p in validate(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12), st.text(max_size=12), st.text(max_size=12))
def test_forbidden_characters_in_client_data_never_reach_the_sms(first: str, last: str,
                                                                  pharmacy: str) -> None:
    client = Client(1, first + "\u202e", "\x00" + last, "0612345678", Decimal("10"))
    try:
        text = render("{nom_complet} {pharmacie}", RenderContext(client, pharmacy, CTX.today))
    except templating.MissingValueError:
        return
    assert find_forbidden(text) == []
    assert text == " ".join(f"{strip_forbidden(first)} {strip_forbidden(last)}".split()) + " " \
        + " ".join(strip_forbidden(pharmacy).split())


def test_the_size_limit_fits_ten_sms_and_is_said_in_french() -> None:
    assert MAX_BODY_CHARS >= 10 * 153
    assert validate("x" * MAX_BODY_CHARS, max_segments=1000) == []
    problems = validate("x" * (MAX_BODY_CHARS + 1))
    assert [p.code for p in problems] == [TemplateProblemCode.TOO_BIG]
    assert problems[0].message_fr.startswith("Modèle trop long : 2\u202f001 caractères (maximum")
    with pytest.raises(TemplateTooBigError):
        parse("x" * (MAX_BODY_CHARS + 1))


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts the costly steps: scanning a body and suggesting a field for a typo."""
    counts = {"scan": 0, "suggest": 0}
    scan, suggest = templating._scan, templating.suggest_placeholder

    def counted_scan(body: str, max_errors: int) -> object:
        counts["scan"] += 1
        return scan(body, max_errors)

    def counted_suggest(name: str) -> str | None:
        counts["suggest"] += 1
        return suggest(name)

    monkeypatch.setattr(templating, "_scan", counted_scan)
    monkeypatch.setattr(templating, "suggest_placeholder", counted_suggest)
    return counts


hostile_fields = st.lists(st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12),
                          min_size=1, max_size=400)


@settings(max_examples=50, deadline=None)
@given(hostile_fields)
def test_validation_describes_only_the_first_errors(names: list[str]) -> None:
    body = "".join("{" + n + "}" for n in names)[:MAX_BODY_CHARS]
    calls = {"n": 0}
    real = templating.suggest_placeholder

    def counted(name: str) -> str | None:
        calls["n"] += 1
        return real(name)

    templating.suggest_placeholder = counted  # hypothesis: no function-scoped fixture
    try:
        problems = validate(body)
        assert calls["n"] <= MAX_REPORTED_ERRORS
        calls["n"] = 0
        with contextlib.suppress(templating.TemplateError):
            parse(body)
        assert calls["n"] <= 1  # parse stops at the first error
    finally:
        templating.suggest_placeholder = real
    errors = [p for p in problems if p.code in (TemplateProblemCode.UNKNOWN_PLACEHOLDER,
                                                TemplateProblemCode.SYNTAX)]
    assert len(errors) <= MAX_REPORTED_ERRORS
    more = [p for p in problems if p.code == TemplateProblemCode.MORE_ERRORS]
    if more:
        assert "autres erreurs" in more[0].message_fr


def test_a_200_kb_template_is_refused_on_its_length_alone(scans: dict[str, int]) -> None:
    body = "Bonjour {inconnu} " * 12_000  # about 200 KB, 12 000 unknown fields
    problems = validate(body)
    assert [p.code for p in problems] == [TemplateProblemCode.TOO_BIG]
    with pytest.raises(TemplateTooBigError):
        render(body, CTX)
    assert scans == {"scan": 0, "suggest": 0}  # never scanned, let alone fuzzy-matched


def test_the_largest_allowed_body_full_of_errors_is_checked_cheaply(
        scans: dict[str, int]) -> None:
    body = ("{inconnu}" * MAX_BODY_CHARS)[:MAX_BODY_CHARS]
    problems = validate(body)
    assert scans["suggest"] == MAX_REPORTED_ERRORS
    assert problems[-1].code == TemplateProblemCode.MORE_ERRORS
    # 222 whole unknown fields and a lone « { » at the cut: 223 errors, 5 described.
    assert "… et 218 autres erreurs" in problems[-1].message_fr
