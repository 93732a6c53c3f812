"""The status bar's low-balance warning fires on the credit forecast as well as on the
threshold: a balance above the threshold that lasts days at the recent pace is warned of."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from sobrus_comm.domain.credit_forecast import Forecast
from sobrus_comm.gui.main_window import LOW_BALANCE_STYLE, MainWindow


def test_the_forecast_fires_the_warning_above_the_threshold(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    label = window.balanceLabel
    window.set_balance(5000, 100)
    assert label.styleSheet() == "" and not label.property("soon")
    window.set_forecast(Forecast(5000, per_week=4000, weeks_left=1.25))
    assert label.styleSheet() == LOW_BALANCE_STYLE and label.property("soon")
    assert label.toolTip().startswith("Solde bientôt épuisé. Au rythme des 4 dernières")
    window.set_balance(4900, 100)  # a new balance keeps the forecast's warning
    assert label.property("soon")
    window.set_forecast(Forecast(5000, per_week=100, weeks_left=50))
    assert label.styleSheet() == "" and not label.property("soon")
    window.set_balance(50, 100)  # under the threshold: the threshold's own warning
    window.set_forecast(Forecast(50, per_week=4000, weeks_left=0.01))
    assert label.property("low") and not label.property("soon")
    assert label.toolTip().startswith("Solde bas")
