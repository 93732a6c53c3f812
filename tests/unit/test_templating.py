from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.models import Client
from sobrus_comm.domain.templating import (
    PLACEHOLDERS,
    FieldPart,
    MissingValueError,
    ParsedTemplate,
    RenderContext,
    TemplateError,
    TemplateProblemCode,
    TemplateSyntaxError,
    TextPart,
    UnknownPlaceholderError,
    escape,
    parse,
    render,
    render_example,
    suggest_placeholder,
    validate,
)

FATIMA = Client(
    id=7,
    first_name="Fatima",
    last_name="El Amrani",
    phone="0612345678",
    balance_due=Decimal("1250.5"),
    balance_due_since=date(2025, 1, 3),
)
CTX = RenderContext(FATIMA, "Pharmacie Atlas", date(2025, 3, 1))


def test_placeholder_set_is_the_documented_one() -> None:
    assert [p.key for p in PLACEHOLDERS] == [
        "prenom",
        "nom",
        "nom_complet",
        "solde",
        "solde_depuis",
        "pharmacie",
        "date",
    ]
    assert all(p.label_fr and p.example for p in PLACEHOLDERS)


def test_render_every_field() -> None:
    body = (
        "Bonjour {prenom} {nom} ({nom_complet}), votre solde de {solde} est dû depuis le "
        "{solde_depuis}. {pharmacie}, le {date}."
    )
    assert render(body, CTX) == (
        "Bonjour Fatima El Amrani (Fatima El Amrani), votre solde de 1 250,50 DH est dû depuis "
        "le 03/01/2025. Pharmacie Atlas, le 01/03/2025."
    )


def test_balance_uses_plain_spaces_for_sms() -> None:
    text = render("{solde}", CTX)
    assert text == "1 250,50 DH"
    assert text.isascii()


def test_doubled_braces_are_literal() -> None:
    assert render("{{prenom}} = {prenom} }}{{", CTX) == "{prenom} = Fatima }{"
    assert render("{{{prenom}}}", CTX) == "{Fatima}"


def test_values_are_cleaned_of_stray_spaces() -> None:
    client = Client(1, "  Ali \n", " Ben  Salah ", None)
    ctx = RenderContext(client, " Pharmacie  du Centre ", date(2025, 1, 1))
    assert render("{prenom}|{nom}|{nom_complet}|{pharmacie}", ctx) == (
        "Ali|Ben Salah|Ali Ben Salah|Pharmacie du Centre"
    )


def test_values_are_not_reparsed() -> None:
    client = Client(1, "{nom}", "X", None)
    assert render("{prenom}", RenderContext(client, "P", date(2025, 1, 1))) == "{nom}"


def test_parse_parts() -> None:
    parsed = parse("Bonjour {prenom}, {{ok}} {prenom}")
    assert parsed == ParsedTemplate(
        (
            TextPart("Bonjour "),
            FieldPart("prenom", 8),
            TextPart(", {ok} "),
            FieldPart("prenom", 25),
        )
    )
    assert parsed.fields == ("prenom",)
    assert parse("").parts == ()


@pytest.mark.parametrize(
    ("body", "position", "fragment"),
    [
        ("Bonjour {prenom", 8, "Accolade « { » non fermée (caractère 9)"),
        ("Bonjour } toi", 8, "Accolade « } » sans accolade ouvrante (caractère 9)"),
        ("{pre{nom}", 0, "Accolade « { » non fermée (caractère 1)"),
        ("a {} b", 2, "Champ vide « {} » (caractère 3)"),
        ("{prenom}}", 8, "sans accolade ouvrante"),
    ],
)
def test_syntax_errors(body: str, position: int, fragment: str) -> None:
    with pytest.raises(TemplateSyntaxError) as info:
        parse(body)
    assert info.value.position == position
    assert fragment in str(info.value)
    assert "doublez-la" in str(info.value) or "{}" in body


def test_unknown_placeholder_suggests_the_closest_field() -> None:
    with pytest.raises(UnknownPlaceholderError) as info:
        parse("Bonjour {prenon}")
    assert str(info.value) == "Champ inconnu : {prenon}. Vouliez-vous dire {prenom} ?"
    assert info.value.name == "prenon"
    assert info.value.suggestion == "prenom"
    assert info.value.position == 8


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Prénom", "prenom"),
        ("PRENOM", "prenom"),
        (" prenom ", "prenom"),
        ("first_name", "prenom"),
        ("nom complet", "nom_complet"),
        ("soldes", "solde"),
        ("pharmacy", "pharmacie"),
        ("solde_depui", "solde_depuis"),
        ("xyz", None),
        ("0", None),
    ],
)
def test_suggest_placeholder(name: str, suggestion: str | None) -> None:
    assert suggest_placeholder(name) == suggestion


def test_unknown_without_suggestion_lists_the_fields() -> None:
    with pytest.raises(UnknownPlaceholderError, match=r"Champs disponibles : \{prenom\}, \{nom\}"):
        parse("{xyz}")


@pytest.mark.parametrize(
    "body",
    [
        "{prenom.__class__}",
        "{prenom.__class__.__mro__}",
        "{prenom!r}",
        "{0}",
        "{prenom:>10}",
        "{prenom[0]}",
        "{client.first_name}",
        "{__import__('os')}",
    ],
)
def test_format_and_attribute_syntax_is_not_code(body: str) -> None:
    with pytest.raises((UnknownPlaceholderError, TemplateSyntaxError)):
        render(body, CTX)


def test_attribute_access_suggests_the_plain_field() -> None:
    with pytest.raises(UnknownPlaceholderError, match=r"Vouliez-vous dire \{prenom\} \?"):
        parse("{prenom.__class__}")


@pytest.mark.parametrize(
    ("client", "body", "field", "reason"),
    [
        (Client(1, "", "Bennani", None), "{prenom}", "prenom", "Prénom manquant"),
        (Client(1, "Ali", " ", None), "{nom}", "nom", "Nom manquant"),
        (Client(1, "", "", None), "{nom_complet}", "nom_complet", "Nom manquant"),
        (Client(1, "Ali", "B", None), "{solde}", "solde", "Aucun solde dû"),
        (Client(1, "Ali", "B", None, Decimal("-5")), "{solde}", "solde", "Aucun solde dû"),
        (Client(1, "Ali", "B", None), "{solde_depuis}", "solde_depuis", "Date du solde dû"),
    ],
)
def test_missing_values(client: Client, body: str, field: str, reason: str) -> None:
    with pytest.raises(MissingValueError) as info:
        render(body, RenderContext(client, "Pharmacie", date(2025, 1, 1)))
    assert info.value.field == field
    assert info.value.client is client
    assert info.value.reason_fr.startswith(reason)
    assert f"(champ {{{field}}})" in info.value.reason_fr


def test_missing_value_message_names_the_client() -> None:
    with pytest.raises(MissingValueError) as info:
        render("{solde}", RenderContext(Client(3, "Ali", "Bennani", None), "P", date.today()))
    assert str(info.value) == (
        "Message impossible à personnaliser pour Ali Bennani : Aucun solde dû (champ {solde})."
    )
    with pytest.raises(MissingValueError, match="pour client n° 3 :"):
        render("{prenom}", RenderContext(Client(3, "", "", None), "P", date.today()))


def test_missing_pharmacy_name() -> None:
    with pytest.raises(MissingValueError, match="Nom de la pharmacie non renseigné"):
        render("{pharmacie}", RenderContext(FATIMA, "  ", date(2025, 1, 1)))


def test_unused_missing_values_do_not_matter() -> None:
    client = Client(1, "", "", None)
    assert render("Rappel du {date}", RenderContext(client, "", date(2025, 1, 2))) == (
        "Rappel du 02/01/2025"
    )


def test_render_example() -> None:
    assert (
        render_example("Bonjour {prenom}, {pharmacie}") == "Bonjour Fatima-Zahra, Pharmacie Al Amal"
    )
    assert render_example("{pharmacie}", {"pharmacie": "Pharmacie Atlas"}) == "Pharmacie Atlas"


# --- validate -------------------------------------------------------------------------


def test_valid_body_has_no_problem() -> None:
    assert validate("Bonjour {prenom}, votre solde est de {solde}.") == []


@pytest.mark.parametrize("body", ["", "  \n "])
def test_empty_body(body: str) -> None:
    problems = validate(body)
    assert [p.code for p in problems] == [TemplateProblemCode.EMPTY]
    assert problems[0].message_fr == "Le message est vide."


def test_validate_reports_every_error_in_order() -> None:
    problems = validate("Bonjour {prenon} } et {soldes}")
    assert [p.code for p in problems] == [
        TemplateProblemCode.UNKNOWN_PLACEHOLDER,
        TemplateProblemCode.SYNTAX,
        TemplateProblemCode.UNKNOWN_PLACEHOLDER,
    ]
    assert [p.position for p in problems] == [8, 17, 22]
    assert "Vouliez-vous dire {solde} ?" in problems[2].message_fr


def test_too_long() -> None:
    body = "Bonjour {nom_complet}. " + "x" * (6 * 153)
    problems = validate(body)
    assert [p.code for p in problems] == [TemplateProblemCode.TOO_LONG]
    assert problems[0].message_fr == "Message trop long : environ 7 SMS par client (maximum 6)."
    assert validate(body, max_segments=7) == []


def test_too_long_counts_with_example_values() -> None:
    body = "y" * 150 + "{pharmacie}"  # 150 + 17 characters: two SMS
    assert validate(body, max_segments=1)[0].code == TemplateProblemCode.TOO_LONG
    assert validate(body, max_segments=1, values={"pharmacie": "P"}) == []


# --- Properties -----------------------------------------------------------------------

template_chars = st.sampled_from(["{", "}", "{{", "}}", "prenom", "solde", ".", "!r", ":", " "])
templates = st.one_of(st.text(max_size=60), st.lists(template_chars, max_size=12).map("".join))
clients = st.builds(
    Client,
    id=st.integers(min_value=1, max_value=10_000),
    first_name=st.text(max_size=10),
    last_name=st.text(max_size=10),
    phone=st.none(),
    balance_due=st.decimals(min_value=-100, max_value=10_000, places=2),
    balance_due_since=st.one_of(st.none(), st.dates()),
    sms_opt_out=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(templates, clients, st.text(max_size=10))
def test_render_only_raises_template_errors(body: str, client: Client, pharmacy: str) -> None:
    try:
        text = render(body, RenderContext(client, pharmacy, date(2025, 1, 1)))
    except TemplateError as error:
        assert str(error)
        return
    assert isinstance(text, str)


# What a user may type: anything but the controls and invisible formatting refused below.
sms_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))
    | st.sampled_from("\n\r\t\u200c\u200d"),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(sms_text.filter(lambda s: "{" not in s and "}" not in s))
def test_text_without_braces_renders_unchanged(text: str) -> None:
    assert render(text, CTX) == text


@settings(max_examples=200, deadline=None)
@given(sms_text)
def test_escaped_text_round_trips(text: str) -> None:
    assert render(escape(text), CTX) == text
    assert parse(escape(text)).fields == ()


@settings(max_examples=200, deadline=None)
@given(templates)
def test_validate_agrees_with_parse(body: str) -> None:
    problems = validate(body, max_segments=1000)
    try:
        parse(body)
    except TemplateError:
        assert problems
    else:
        assert problems == [] or problems[0].code == TemplateProblemCode.EMPTY
