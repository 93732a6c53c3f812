"""Log masking, proven on generated cases.

Phone numbers are generated from what the app's parser accepts (domain/phones.py: national
form with or without the trunk 0, +CC, 00CC, 212 without +, its separators and
parentheses, Arabic-Indic digits), each one checked to be accepted before it is checked to
be masked. Secrets are generated of any shape and written the ways code logs them.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import phonenumbers
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sobrus_comm.domain.phones import normalize_phone
from sobrus_comm.logging_setup import mask, mask_secrets

# --- Phone numbers ------------------------------------------------------------------------

# Between two digit groups: what phones.py's _ALLOWED_CHARS lets through and phonenumbers
# reads as a separator (a no-break space yes; U+202F and tabs are refused by the parser).
_SEPARATORS = ["", " ", "  ", ".", "-", "/", " - ", " / ", "\u00a0", ". ", "-.", "--"]
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _valid(nsn: str, region: str) -> bool:
    try:
        number = phonenumbers.parse(nsn, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


# National significant numbers: Moroccan mobiles (6/7) and fixed lines (5, refused for SMS
# but still personal data), and one mobile of every region the parser knows.
_ma_numbers = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("675"),
    st.text("0123456789", min_size=8, max_size=8),
).filter(lambda nsn: _valid(nsn, "MA"))
_FOREIGN = [
    (number.country_code, phonenumbers.national_significant_number(number))
    for region in sorted(phonenumbers.SUPPORTED_REGIONS)
    if region != "MA"
    and (number := phonenumbers.example_number_for_type(
        region, phonenumbers.PhoneNumberType.MOBILE)) is not None
]


@st.composite
def _grouped(draw: st.DrawFn, digits: str) -> str:
    """``digits`` cut into groups of 1 to 4, joined by separators drawn per gap."""
    out, i = [], 0
    while i < len(digits):
        size = draw(st.integers(1, 4))
        out.append(digits[i : i + size])
        i += size
    text = out[0]
    for group in out[1:]:
        text += draw(st.sampled_from(_SEPARATORS)) + group
    return text


@st.composite
def accepted_numbers(draw: st.DrawFn) -> str:
    """A phone number written one of the ways the parser accepts."""
    if draw(st.booleans()):
        nsn = draw(_ma_numbers)
        form = draw(st.sampled_from(
            ["0", "", "+212", "+212 (0)", "00212", "212", "(+212) ", "(0", "+ 212"]))
        body = draw(_grouped(nsn))
        if form == "(0":  # (06) 12 34 56 78
            text = f"(0{body[:1]}){draw(st.sampled_from(['', ' ']))}{body[1:].lstrip(' .-/')}"
        else:
            sep = "" if form.endswith((" ", "(0)", "0")) or not form else draw(
                st.sampled_from([" ", "", "-", "."]))
            text = form + sep + body
    else:
        country, nsn = draw(st.sampled_from(_FOREIGN))
        prefix = draw(st.sampled_from([f"+{country}", f"00{country}", f"+{country} (0)"]))
        if prefix.endswith("(0)") and not _valid_with_trunk(country, nsn):
            prefix = f"+{country}"
        text = prefix + draw(st.sampled_from([" ", "", "-", "."])) + draw(_grouped(nsn))
    if draw(st.integers(0, 9)) == 0:
        text = text.translate(_ARABIC_INDIC)
    return text


def _valid_with_trunk(country: int, nsn: str) -> bool:
    return normalize_phone(f"+{country} (0){nsn}").e164 is not None


_CONTEXTS = [
    "{}",
    "Envoi au {} : accepté",
    "numéro={}",
    '{{"phone": "{}", "status": "sent"}}',
    "Échec pour ({}), réessai",
    "tel:{}.",
    "Destinataires : {}, {}",
    "Destinataires : {} {}",
    "Destinataires : {} / {}",
    "{}\n{}",
]


@settings(max_examples=400, deadline=None)
@given(accepted_numbers(), accepted_numbers(), st.sampled_from(_CONTEXTS))
@example("+33 6 12 34 56 78", "612345678", "{} {}")
@example("(06) 12 34 56 78", "+212 (0)6 12 34 56 78", "{}, {}")
@example("06/12/34/56/78", "00212612345678", "{} / {}")
@example("6 1 2 3 4 5 6 7 8", "6 9 8 7 6 5 4 3 2", "Destinataires : {} {}")
def test_every_number_the_parser_accepts_is_masked(first: str, second: str,
                                                   context: str) -> None:
    for number in (first, second):
        assert normalize_phone(number).e164 is not None, number  # the parser accepts it
    line = context.format(first, second)
    masked = mask(line)
    # At most the last two digits of each number survive (the context has no digits).
    left = re.sub(r"\D", "", masked)
    assert len(left) <= 2 * context.count("{}"), (line, masked)
    for number in (first, second):
        nsn = normalize_phone(number).e164 or ""
        assert nsn[-6:] not in masked


@given(st.sampled_from([
    "le 2026-11-28", "le 28/11/2026 à 14:30", "horodatage 1764513012", "lot 3 sur 12",
    "1 234,50 DH", "id 550e8400-e29b-41d4-a716-446655440000", "v6.12.0", "HTTP 503",
]))
def test_dates_amounts_and_ids_are_kept(text: str) -> None:
    assert mask(text) == text


# --- Secrets ------------------------------------------------------------------------------

# Secret values are drawn from letters the surrounding text never uses, plus every
# character that could end a naive match early (spaces, quotes, commas, braces, escapes).
_MARKERS = "QZXJK"
secret_values = st.text(alphabet=_MARKERS + " \"'\\,}]);&=:#%é", min_size=1, max_size=20).filter(
    lambda s: any(c in _MARKERS for c in s))
bearer_tokens = st.text(alphabet=_MARKERS + "abc0123456789-._~+/=", min_size=8,
                        max_size=40).filter(lambda s: any(c in _MARKERS for c in s))


def _assert_masked(line: str) -> None:
    masked = mask(line)
    assert not set(masked) & set(_MARKERS), (line, masked)


@settings(max_examples=300)
@given(secret_values, st.sampled_from(["password", "mot_de_passe", "token", "access_token",
                                       "refresh_token", "api_key", "client_secret"]))
@example("mot de passe", "password")
def test_quoted_secrets_of_any_shape_are_masked(secret: str, key: str) -> None:
    _assert_masked(json.dumps({"username": "ali", key: secret, "server": "x"}))
    _assert_masked(json.dumps({key: secret}, ensure_ascii=False))
    _assert_masked(repr({"username": "ali", key: secret}))
    _assert_masked(f"LoginRequest(username='ali', {key}={secret!r}, server='s')")
    _assert_masked(repr({"Authorization": f"Bearer {secret}"}))


@settings(max_examples=300)
@given(secret_values.filter(lambda s: s[0] not in "'\" "),
       st.sampled_from(["password", "Password", "PWD", "token", "secret"]),
       st.sampled_from(["=", ": ", " = ", ":"]))
def test_unquoted_secrets_are_masked_to_the_end_of_the_line(secret: str, key: str,
                                                            sep: str) -> None:
    _assert_masked(f"Connexion de ali avec {key}{sep}{secret}")
    _assert_masked(f"GET /api/clients?page=2&{key}{sep}{secret}&x=1\nsuite")
    _assert_masked(f"Authorization: Basic {secret}")
    _assert_masked(f"Cookie: session={secret}")


@given(bearer_tokens)
def test_bearer_tokens_are_masked_wherever_they_appear(token: str) -> None:
    _assert_masked(f"Réponse 401 pour Bearer {token} (expiré)")
    _assert_masked(f"Authorization: Bearer {token}")
    _assert_masked(f"https://ali:{quote(token, safe='')}@sobrus.example/api")


def test_a_password_with_a_space_is_masked_whole() -> None:
    assert mask_secrets("password=mot de passe") == "password=***"
    assert mask_secrets('{"password": "mot de passe", "user": "ali"}') == (
        '{"password": "***", "user": "ali"}')
    assert mask_secrets("Le mot de passe est incorrect") == "Le mot de passe est incorrect"
