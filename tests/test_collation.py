"""The lazily read collation table gives the very sort keys of pyuca's whole table."""

from __future__ import annotations

from babel import Locale
from pyuca import Collator

from travel_advice.core.collation import _SAME_AS_HYPHEN, _LazyCollator


def test_lazy_table_gives_the_keys_of_the_whole_table() -> None:
    names = [name for locale in ("en", "fr", "de", "is", "pl", "tr", "vi") for name in Locale.parse(locale).territories.values()]
    names += ["Ελλάδα", "日本", "Россия", "Œuvre", "Straße", "Øresund", "a\u0301b", "ﬁn", "Saint\u2011Kitts"]
    whole, lazy = Collator(), _LazyCollator()
    assert [lazy.sort_key(n.translate(_SAME_AS_HYPHEN)) for n in names] == [
        whole.sort_key(n.translate(_SAME_AS_HYPHEN)) for n in names
    ]
