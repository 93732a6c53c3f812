"""Issue 16: each client in their language (rendering, bidi isolation, fallback, plan counts,
segments of Arabic and mixed texts)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sobrus_comm.domain.invisible_chars import find_forbidden
from sobrus_comm.domain.languages import (
    DIRHAM_AR,
    FSI,
    LRI,
    PDI,
    Language,
    choose_language,
    format_dh_ar,
    has_arabic,
    parse_language,
    strip_isolates,
)
from sobrus_comm.domain.models import Client, Objective, Template, TemplateCategory
from sobrus_comm.domain.recipients import PlanRequest, build_plan, describe_languages
from sobrus_comm.domain.segments import UCS_2, analyze, split_parts
from sobrus_comm.domain.templating import (
    ForbiddenCharError,
    RenderContext,
    TemplateProblemCode,
    parse,
    render,
    render_example,
    validate,
)

TODAY = date(2025, 3, 1)
AR = Language.ARABIC
BODY_FR = "Bonjour {prenom}, il reste {solde} a regler. {pharmacie}"
BODY_AR = "مرحبا {prenom}، المبلغ المتبقي {solde}. {pharmacie}"
BILINGUAL = Template(7, "Rappel", BODY_FR, body_ar=BODY_AR)

LATIN_ONLY = Client(1, "Youssef", "Alaoui", "0612345678", Decimal("1250"),
                    preferred_language=AR)
WITH_ARABIC_NAME = Client(2, "Fatima", "Bennani", "0612345679", Decimal("80.5"),
                          preferred_language=AR, first_name_ar="فاطمة",
                          last_name_ar="بناني")
FRENCH_READER = Client(3, "Karim", "Tazi", "0612345670", Decimal("10"),
                       first_name_ar="كريم")


def _render_ar(body: str, client: Client, pharmacy: str = "Pharmacie Al Amal") -> str:
    return render(body, RenderContext(client, pharmacy, TODAY, Language.ARABIC))


# --- rendering and bidi isolation -----------------------------------------------------------


def test_arabic_name_is_used_inside_arabic_text_without_isolation() -> None:
    text = _render_ar("مرحبا {prenom}", WITH_ARABIC_NAME)
    assert text == "مرحبا فاطمة"


def test_latin_name_inside_arabic_text_is_isolated_left_to_right() -> None:
    assert _render_ar("مرحبا {prenom}،", LATIN_ONLY) == f"مرحبا {LRI}Youssef{PDI}،"
    assert _render_ar("{nom_complet}", LATIN_ONLY) == f"{LRI}Youssef Alaoui{PDI}"


def test_full_name_in_arabic_needs_both_arabic_parts() -> None:
    assert _render_ar("{nom_complet}", WITH_ARABIC_NAME) == "فاطمة بناني"
    # Only a first name in Arabic: the full name stays in one script (Latin, isolated).
    half = Client(4, "Karim", "Tazi", "0612345670", first_name_ar="كريم")
    assert _render_ar("{nom_complet}", half) == f"{LRI}Karim Tazi{PDI}"
    assert _render_ar("{prenom}", half) == "كريم"


def test_amounts_in_arabic_use_western_digits_isolated_and_dirham() -> None:
    assert format_dh_ar(Decimal("1250")) == f"{LRI}1\u202f250,00{PDI}\u00a0{DIRHAM_AR}"
    text = _render_ar("{solde}", LATIN_ONLY)
    assert text == f"{LRI}1\u202f250,00{PDI}\u00a0درهم"
    assert "DH" not in text


def test_pharmacy_name_isolated_by_first_strong_unless_arabic() -> None:
    assert _render_ar("{pharmacie}", LATIN_ONLY) == f"{FSI}Pharmacie Al Amal{PDI}"
    assert _render_ar("{pharmacie}", LATIN_ONLY, "صيدلية الأمل") == "صيدلية الأمل"


def test_dates_stay_plain_in_arabic() -> None:
    assert _render_ar("{date}", LATIN_ONLY) == "01/03/2025"


def test_french_text_never_gets_the_arabic_name_nor_marks() -> None:
    ctx = RenderContext(WITH_ARABIC_NAME, "Pharmacie", TODAY)
    text = render(BODY_FR, ctx)
    assert "Fatima" in text and "فاطمة" not in text
    assert strip_isolates(text) == text


def test_isolation_marks_typed_in_a_template_are_still_refused() -> None:
    with pytest.raises(ForbiddenCharError):
        parse(f"مرحبا {LRI}{{prenom}}{PDI}")
    # ... but the ones the app inserts are not stripped from the rendered SMS.
    assert find_forbidden(_render_ar(BODY_AR, LATIN_ONLY))


def test_isolation_marks_are_counted_in_length_and_parts() -> None:
    text = _render_ar("{prenom}", LATIN_ONLY)
    info = analyze(text)
    assert info.encoding == UCS_2
    assert info.length == len("Youssef") + 2  # LRI and PDI: one UTF-16 unit each


@given(st.text(alphabet="abcdefghij -.", min_size=1, max_size=30).filter(str.strip))
def test_every_latin_name_comes_back_whole_inside_its_isolate(first: str) -> None:
    client = Client(9, first, "X", "0612345678", preferred_language=AR)
    text = _render_ar("قبل {prenom} بعد", client)
    inner = text.split(LRI, 1)[1].split(PDI, 1)[0]
    assert inner == " ".join(first.split())
    assert text.count(LRI) == text.count(PDI) == 1


# --- language choice and fallback ---------------------------------------------------------


def test_choose_language() -> None:
    assert choose_language(AR, True) == (AR, False)
    assert choose_language(AR, False) == (Language.FRENCH, True)
    assert choose_language(Language.FRENCH, True) == (Language.FRENCH, False)


def test_parse_language_defaults_to_french() -> None:
    assert parse_language("ar") == AR
    assert parse_language(None) == Language.FRENCH
    assert parse_language("klingon") == Language.FRENCH


def test_has_arabic() -> None:
    assert has_arabic("فاطمة") and not has_arabic("Fatima 123")
    assert not has_arabic("١٢٣")  # Arabic-Indic digits are not letters


def _plan(template: Template, clients: list[Client]):  # type: ignore[no-untyped-def]
    return build_plan(PlanRequest(clients, (), Objective.CUSTOM_TEMPLATE, template,
                                  "Pharmacie Al Amal", TODAY))


def test_plan_renders_each_client_in_their_language_and_counts() -> None:
    plan = _plan(BILINGUAL, [LATIN_ONLY, WITH_ARABIC_NAME, FRENCH_READER])
    by_id = {m.client_id: m for m in plan.messages}
    assert by_id[1].language == AR and by_id[1].text.startswith("مرحبا")
    assert by_id[2].text.startswith("مرحبا فاطمة")
    assert by_id[3].language == Language.FRENCH and by_id[3].text.startswith("Bonjour Karim")
    assert plan.language_counts() == {Language.FRENCH: 1, AR: 2}
    assert plan.fallback_count == 0
    segments = plan.language_segments()
    assert segments[Language.FRENCH] + segments[AR] == plan.total_segments
    assert describe_languages(plan) == "1 en français · 2 en arabe"


def test_plan_falls_back_to_french_and_says_how_many() -> None:
    french_only = Template(8, "Rappel", BODY_FR)
    plan = _plan(french_only, [LATIN_ONLY, WITH_ARABIC_NAME, FRENCH_READER])
    assert all(m.language == Language.FRENCH for m in plan.messages)
    assert plan.fallback_count == 2
    assert [m.client_id for m in plan.messages if m.fallback] == [1, 2]
    assert "Bonjour Fatima" in plan.messages[1].text  # the Latin name in French text
    assert describe_languages(plan) == (
        "3 en français · 0 en arabe (2 clients arabophones en français : "
        "modèle sans texte arabe)")


def test_a_french_only_plan_says_nothing_about_languages() -> None:
    plan = _plan(Template(8, "Rappel", BODY_FR), [FRENCH_READER])
    assert describe_languages(plan) == ""


def test_blank_arabic_text_counts_as_none() -> None:
    plan = _plan(Template(8, "Rappel", BODY_FR, body_ar="  \n"), [LATIN_ONLY])
    assert plan.fallback_count == 1


def test_arabic_messages_do_not_raise_the_stray_unicode_warning() -> None:
    plan = _plan(BILINGUAL, [LATIN_ONLY])
    assert plan.messages[0].encoding == UCS_2
    assert not plan.warnings


def test_promotions_in_arabic_still_skip_opted_out_clients() -> None:
    promo = Template(9, "Promo", "Promo {prenom}", TemplateCategory.PROMOTIONAL,
                     body_ar="عرض {prenom}")
    out = Client(5, "Sara", "Idrissi", "0612345671", preferred_language=AR, sms_opt_out=True)
    plan = _plan(promo, [out, LATIN_ONLY])
    assert [m.client_id for m in plan.messages] == [1]


# --- segments of Arabic and mixed texts ---------------------------------------------------


@pytest.mark.parametrize(("length", "parts"), [(70, 1), (71, 2), (134, 2), (135, 3)])
def test_arabic_text_parts_around_70_and_67(length: int, parts: int) -> None:
    info = analyze(("سلام " * 40)[:length])
    assert info.encoding == UCS_2
    assert info.segments == parts


def test_mixed_text_with_an_isolated_name_crosses_70_because_of_the_marks() -> None:
    # 62 Arabic letters + " " + "Youssef" = 70 units, one SMS; the two marks make 72.
    body = "ا" * 62 + " {prenom}"
    plain = "ا" * 62 + " Youssef"
    assert analyze(plain).segments == 1
    assert analyze(_render_ar(body, LATIN_ONLY)).segments == 2


def test_a_vocalised_letter_is_never_split_between_parts() -> None:
    # 74 units: two parts. Part 1 holds 67 units, but the 67th starts a letter with
    # shadda and fatha (3 units): the cluster moves whole to part 2.
    text = "ب" * 66 + "بَّ" + "ب" * 5
    info = analyze(text)
    assert info.length == 74 and info.segments == 2
    first, second = split_parts(text)
    assert first == "ب" * 66 and second.startswith("بَّ")


# --- the editor's validation and preview in Arabic ----------------------------------------


def test_arabic_preview_uses_arabic_examples() -> None:
    preview = render_example(BODY_AR, {"pharmacie": "Pharmacie du Centre"}, Language.ARABIC)
    assert preview.startswith("مرحبا فاطمة الزهراء")
    assert f"{FSI}Pharmacie du Centre{PDI}" in preview
    assert DIRHAM_AR in preview


def test_arabic_length_check_counts_in_ucs2() -> None:
    body = "ب" * 300 + " {prenom}"
    french = validate(body, max_segments=4)
    arabic = validate(body, max_segments=4, language=Language.ARABIC)
    assert [p.code for p in french] == [TemplateProblemCode.TOO_LONG]
    assert [p.code for p in arabic] == [TemplateProblemCode.TOO_LONG]
    assert validate("مرحبا {prenom}", language=Language.ARABIC) == []
