"""The checkable client list of the grouped send, built for 10k rows.

Check states live in a Python set of client ids, so ticking survives searches and
« Tout cocher » is one set update plus one ``dataChanged``. Filtering goes through the
model's own index (a folded search key per client, built by steps right after the list is
set) instead of per-row proxy callbacks; while the user types on, each keystroke only
re-tests the rows the previous one kept.

Signals:
    sig_checked_changed(): the set of ticked clients changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from sobrus_comm.domain.consent import STATE_LABELS, ConsentState
from sobrus_comm.domain.languages import Language
from sobrus_comm.domain.models import Client
from sobrus_comm.domain.money import format_dh, is_due
from sobrus_comm.domain.phones import (
    format_phone_display,
    normalize_phone,
    phone_index_key,
    phone_search_digits,
)
from sobrus_comm.domain.recipients import client_display_name
from sobrus_comm.domain.text_search import SearchQuery, fold, search_key

ModelIndex = QModelIndex | QPersistentModelIndex

COL_NAME, COL_PHONE, COL_BALANCE, COL_NOTE, COL_CONSENT = range(5)
TITLES = ("Client", "Numéro", "Solde dû", "À vérifier", "Promotions")

CLIENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CLIENT_ROLE = Qt.ItemDataRole.UserRole + 2

_WARNING = QColor("#a50e0e")
_CONSENT_COLORS = {ConsentState.GRANTED: QColor("#137333"), ConsentState.REFUSED: _WARNING}


def language_tooltip(client: Client) -> str | None:
    """« Lit l'arabe — فاطمة بناني »: who reads Arabic, and their name in Arabic script."""
    parts = ["Lit l'arabe"] if client.preferred_language == Language.ARABIC else []
    if client.full_name_ar:
        parts.append(client.full_name_ar)
    return " — ".join(parts) or None


def phone_note(client: Client, promotional: bool) -> str:
    """Why this client will not get the SMS, as far as the list can tell (else "")."""
    if promotional and client.sms_opt_out:
        return "Refuse les SMS promotionnels"
    return normalize_phone(client.phone).reason_fr


class ClientListModel(QAbstractTableModel):
    sig_checked_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._clients: list[Client] = []
        self._visible: list[int] = []  # positions in _clients, in list order
        self._checked: set[int] = set()
        self._keys: list[str] = []  # search keys, built by steps after a list change
        self._query = SearchQuery()
        self._promotional = False
        self._sort: tuple[int, Qt.SortOrder] | None = None  # None: the cache's order
        self._consent: dict[int, ConsentState] = {}  # promotional consent, by client id

    # -- data ------------------------------------------------------------------------------
    def set_clients(self, clients: Sequence[Client]) -> None:
        """A new list (objective or threshold changed); ticks of clients still listed stay."""
        self.beginResetModel()
        self._clients = self._sorted(list(clients))  # the header's sort holds for a new list
        self._keys = []
        if not self._query.empty:  # a search is typed: it applies to the new list at once
            self.build_keys_step(len(self._clients))
        ids = {c.id for c in self._clients}
        self._checked &= ids
        self._visible = self._filter(range(len(self._clients)), self._query)
        self.endResetModel()
        self.sig_checked_changed.emit()

    def set_promotional(self, promotional: bool) -> None:
        """Opted-out clients are pointed out only when the template is a promotion."""
        if promotional != self._promotional:
            self._promotional = promotional
            self._notes_changed()

    def set_consent(self, states: dict[int, ConsentState]) -> None:
        """Each client's promotional consent (absent: « non recueilli »)."""
        self._consent = dict(states)
        if self._visible:
            self.dataChanged.emit(self.index(0, COL_CONSENT),
                                  self.index(len(self._visible) - 1, COL_CONSENT))

    def consent_of(self, client_id: int) -> ConsentState:
        return self._consent.get(client_id, ConsentState.UNKNOWN)

    def set_client_consent(self, client_id: int, state: ConsentState) -> None:
        self._consent[client_id] = state
        row = self.row_of(client_id)
        if row is not None:
            index = self.index(row, COL_CONSENT)
            self.dataChanged.emit(index, index)

    def clients(self) -> list[Client]:
        """The whole list, search ignored: what the plan is built from."""
        return self._clients

    def client_at(self, row: int) -> Client | None:
        if 0 <= row < len(self._visible):
            return self._clients[self._visible[row]]
        return None

    def row_of(self, client_id: int) -> int | None:
        for row, pos in enumerate(self._visible):
            if self._clients[pos].id == client_id:
                return row
        return None

    # -- sorting (a header click) ----------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorders the whole list (the plan follows it: the first of two clients sharing
        a number is the one who gets the promotion). Ticks and the selection stay."""
        key = self._sort_key(column)
        if key is None:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = [(p, self.client_at(p.row())) for p in self.persistentIndexList()]
        order_ = sorted(range(len(self._clients)), key=lambda i: key(self._clients[i]),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._clients = [self._clients[i] for i in order_]
        self._keys = [self._keys[i] for i in order_] if self.keys_ready() else []
        if not self._query.empty and not self.keys_ready():
            self.build_keys_step(len(self._clients))
        self._visible = self._filter(range(len(self._clients)), self._query)
        rows = {self._clients[pos].id: row for row, pos in enumerate(self._visible)}
        for persistent, client in before:
            row = rows.get(client.id) if client is not None else None
            self.changePersistentIndex(
                persistent, self.index(row, persistent.column()) if row is not None
                else QModelIndex())
        self.layoutChanged.emit()

    def _sorted(self, clients: list[Client]) -> list[Client]:
        if self._sort is None:
            return clients
        column, order = self._sort
        return sorted(clients, key=self._sort_key(column),
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def _sort_key(self, column: int) -> Any:
        if column == COL_NAME:  # the order the cache gives: last name, then first name
            folded = _fold_memo()  # names repeat: 50k clients fold a few thousand names
            return lambda c: (folded(c.last_name), folded(c.first_name), c.id)
        if column == COL_PHONE:  # by the number's digits, however it was typed
            return lambda c: phone_search_digits(c.phone or "")
        if column == COL_BALANCE:
            return lambda c: c.balance_due
        if column == COL_NOTE:  # the clients to check first (or last)
            return lambda c: (phone_note(c, self._promotional) == "", fold(c.last_name))
        if column == COL_CONSENT:
            return lambda c: (str(self.consent_of(c.id)), fold(c.last_name))
        return None

    # -- search ----------------------------------------------------------------------------
    def build_keys_step(self, count: int) -> bool:
        """Fold ``count`` more search keys; True once all are built.

        Called from a zero-delay timer after the list is set, so that the first keystroke
        does not pay for folding 10k names (about 50 ms).
        """
        start = len(self._keys)
        self._keys.extend(self._key(c) for c in self._clients[start:start + count])
        return len(self._keys) == len(self._clients)

    def keys_ready(self) -> bool:
        return len(self._keys) == len(self._clients)

    def set_query(self, query: SearchQuery) -> None:
        if query == self._query:
            return
        if not query.empty and not self.keys_ready():
            self.build_keys_step(len(self._clients))  # typed before the timer was done
        narrowing = query.narrows(self._query)
        pool: Iterable[int] = self._visible if narrowing else range(len(self._clients))
        self.beginResetModel()
        self._query = query
        self._visible = self._filter(pool, query)
        self.endResetModel()

    @staticmethod
    def _key(client: Client) -> str:
        # Words and digits in one string: "benani fatima\x00612345678". The Arabic-script
        # name too, folded (tashkeel and letter variants ignored, see text_search).
        digits = phone_index_key(client.phone) if client.phone else ""
        names = f"{client.full_name} {client.full_name_ar}" if client.full_name_ar \
            else client.full_name
        return f"{search_key(names)}\x00{digits}"

    def _filter(self, pool: Iterable[int], query: SearchQuery) -> list[int]:
        if query.empty:
            return list(pool)
        keys = self._keys
        if query.digits:
            digits = query.digits
            return [i for i in pool if digits in keys[i].partition("\x00")[2]]
        words = query.words
        if len(words) == 1:
            word = words[0]
            return [i for i in pool if word in keys[i]]
        return [i for i in pool if all(w in keys[i] for w in words)]

    # -- ticks -----------------------------------------------------------------------------
    def checked_ids(self) -> frozenset[int]:
        return frozenset(self._checked)

    def checked_count(self) -> int:
        return len(self._checked)

    def hidden_checked_count(self) -> int:
        """Ticked clients the search currently hides."""
        if not self._checked or len(self._visible) == len(self._clients):
            return 0
        shown = sum(1 for pos in self._visible if self._clients[pos].id in self._checked)
        return len(self._checked) - shown

    def shown_count(self) -> int:
        return len(self._visible)

    def set_checked_shown(self, checked: bool) -> None:
        """« Tout cocher » / « Tout décocher »: the clients shown, one ``dataChanged``."""
        ids = (self._clients[pos].id for pos in self._visible)
        if checked:
            self._checked.update(ids)
        else:
            self._checked.difference_update(ids)
        if self._visible:
            self.dataChanged.emit(self.index(0, COL_NAME),
                                  self.index(len(self._visible) - 1, COL_NAME),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.sig_checked_changed.emit()

    def set_checked_ids(self, ids: Iterable[int]) -> None:
        self._checked = set(ids) & {c.id for c in self._clients}
        if self._visible:
            self.dataChanged.emit(self.index(0, COL_NAME),
                                  self.index(len(self._visible) - 1, COL_NAME),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.sig_checked_changed.emit()

    def _notes_changed(self) -> None:
        if self._visible:
            self.dataChanged.emit(self.index(0, COL_NOTE),
                                  self.index(len(self._visible) - 1, COL_NOTE))

    # -- the model interface ---------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(TITLES)):
            return TITLES[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        client = self.client_at(index.row())
        if client is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(client, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_NAME:
            return (Qt.CheckState.Checked if client.id in self._checked
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_BALANCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_NOTE:
            return QBrush(_WARNING)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_CONSENT:
            state = self.consent_of(client.id)
            return QBrush(_CONSENT_COLORS[state]) if state in _CONSENT_COLORS else None
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_PHONE, COL_NOTE):
            return phone_note(client, self._promotional) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME:
            return language_tooltip(client)
        if role == CLIENT_ID_ROLE:
            return client.id
        if role == CLIENT_ROLE:
            return client
        return None

    def _display(self, client: Client, column: int) -> str:
        if column == COL_NAME:
            return client_display_name(client)
        if column == COL_PHONE:
            # Normalised lazily, for the rows painted only: 10k at once would cost ~250 ms.
            check = normalize_phone(client.phone)
            if check.e164 is not None:
                return format_phone_display(check.e164)
            return " ".join((client.phone or "").split()) or "—"
        if column == COL_BALANCE:
            return format_dh(client.balance_due) if is_due(client.balance_due) else "—"
        if column == COL_NOTE:
            return phone_note(client, self._promotional)
        if column == COL_CONSENT:
            return STATE_LABELS[self.consent_of(client.id)]
        return ""

    def setData(self, index: ModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != COL_NAME:
            return False
        client = self.client_at(index.row())
        if client is None:
            return False
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(client.id)
        else:
            self._checked.discard(client.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.sig_checked_changed.emit()
        return True


def _fold_memo() -> Callable[[str], str]:
    """:func:`fold`, each distinct text folded once (for one sort)."""
    memo: dict[str, str] = {}

    def folded(text: str) -> str:
        key = memo.get(text)
        if key is None:
            key = memo[text] = fold(text)
        return key
    return folded
