"""« Demander une recharge »: the packs on sale, one to choose."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from sobrus_comm.domain.french_numbers import format_count
from sobrus_comm.domain.money import format_dh
from sobrus_comm.gui.generated.ui_pack_choice_dialog import Ui_PackChoiceDialog
from sobrus_comm.gui.screen_fit import fit_to_screen
from sobrus_comm.services.recharge import Pack, price_per_sms


def pack_label(pack: Pack) -> str:
    return (f"{pack.name} — {format_count(pack.credits)} SMS pour {format_dh(pack.price)} "
            f"({price_per_sms(pack)})")


class PackChoiceDialog(QDialog):
    def __init__(self, packs: Sequence[Pack], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PackChoiceDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)  # small counter screens: never larger than the screen
        self._packs = list(packs)
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Demander ce pack")
        for pack in self._packs:
            item = QListWidgetItem(pack_label(pack))
            item.setData(Qt.ItemDataRole.UserRole, pack.id)
            self.ui.packsList.addItem(item)
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.packsList.currentRowChanged.connect(self._on_row)
        self.ui.packsList.itemDoubleClicked.connect(self.accept)
        self.ui.packsList.setCurrentRow(0 if self._packs else -1)
        self._on_row(self.ui.packsList.currentRow())

    def selected_pack(self) -> Pack | None:
        row = self.ui.packsList.currentRow()
        return self._packs[row] if 0 <= row < len(self._packs) else None

    def select_pack(self, pack_id: int) -> None:
        row = next(i for i, p in enumerate(self._packs) if p.id == pack_id)
        self.ui.packsList.setCurrentRow(row)

    @Slot(int)
    def _on_row(self, row: int) -> None:
        pack = self.selected_pack()
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(pack is not None)
        self.ui.packSummaryLabel.setText(
            f"À payer par virement : {format_dh(pack.price)} pour {format_count(pack.credits)} "
            "crédits SMS." if pack else "Aucun pack n'est proposé pour le moment.")
