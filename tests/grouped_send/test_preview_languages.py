"""The grouped send's preview and cost line in a bilingual send (issue 16)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from sobrus_comm.domain.languages import LRI, PDI, Language
from sobrus_comm.domain.models import Client, Objective
from sobrus_comm.gui.grouped_send.preview import build_preview, send_cost_html
from sobrus_comm.gui.widgets.message_preview import counter_text
from sobrus_comm.services.send_planning import SendRequest, plan_send
from tests.grouped_send.data import ORDER, PHARMACY, TODAY

BODY_AR = "مرحبا {prenom}، طلبيتكم جاهزة في {pharmacie}."
READS_ARABIC = Client(1, "Youssef", "Benali", "0698765432", preferred_language=Language.ARABIC)
NAMED = replace(READS_ARABIC, id=2, phone="0612345678", first_name_ar="يوسف")
READS_FRENCH = Client(3, "Salma", "Chraibi", "0661000003")


def test_an_arabic_reader_is_previewed_in_arabic_with_the_isolated_latin_name() -> None:
    preview = build_preview(ORDER.body, READS_ARABIC, PHARMACY, TODAY, False, BODY_AR)
    assert preview.language == Language.ARABIC and not preview.note
    assert preview.text.startswith(f"مرحبا {LRI}Youssef{PDI}،")
    named = build_preview(ORDER.body, NAMED, PHARMACY, TODAY, False, BODY_AR)
    assert named.text.startswith("مرحبا يوسف،")


def test_without_arabic_text_the_preview_says_the_french_one_is_sent() -> None:
    preview = build_preview(ORDER.body, READS_ARABIC, PHARMACY, TODAY, False, "")
    assert preview.language == Language.FRENCH
    assert preview.text.startswith("Bonjour Youssef")
    assert "n'a pas de texte arabe" in preview.note


def test_a_broken_arabic_text_is_reported_for_arabic_readers_only() -> None:
    broken = "مرحبا {prenon}"
    arabic = build_preview(ORDER.body, READS_ARABIC, PHARMACY, TODAY, False, broken)
    assert arabic.text == "" and "texte arabe" in arabic.recipient
    assert "{prenom}" in arabic.note  # « Vouliez-vous dire {prenom} ? »
    french = build_preview(ORDER.body, READS_FRENCH, PHARMACY, TODAY, False, broken)
    assert french.text.startswith("Bonjour Salma")


def test_counters_name_the_language_and_encoding() -> None:
    assert counter_text("Bonjour", Language.FRENCH).startswith("Français (GSM) : 7 caractères")
    arabic = counter_text("م" * 71, Language.ARABIC)
    assert arabic.startswith("Arabe (Unicode) : 71 caractères · 2 SMS par client")


def test_the_cost_line_splits_messages_and_credits_per_language() -> None:
    clients = [READS_ARABIC, NAMED, READS_FRENCH]
    bilingual = replace(ORDER, body_ar=BODY_AR)
    request = SendRequest(Objective.CUSTOM_TEMPLATE, bilingual, clients, frozenset(), PHARMACY,
                          TODAY, Decimal("0"))
    html = send_cost_html(plan_send(request, credits=1500), computing=False)
    assert "Français : 1 message, 1 crédit" in html
    assert "Arabe : 2 messages, 2 crédits" in html
    french_only = replace(request, template=ORDER)
    html = send_cost_html(plan_send(french_only, credits=1500), computing=False)
    assert "2 clients qui lisent l'arabe recevront le texte français" in html
