"""Makes the English catalogue complete: every msgstr of assets/locale/en/.../amur.po is its
msgid (the source strings are English). Run by `make i18n` between `pybabel update` and
`pybabel compile`; other languages' catalogues are the translators' and left alone.

    .venv/bin/python tools/i18n_english.py
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parents[1] / "assets/locale/en/LC_MESSAGES/amur.po"


def main() -> None:
    with PO.open("rb") as f:
        catalog = read_po(f, locale="en")
    for message in catalog:
        if not message.id:
            continue  # the header
        message.string = message.id  # a plural's (singular, plural) as its two forms
        message.flags.discard("fuzzy")
    with PO.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=True)
    print(f"{PO}: {len(catalog)} messages, msgstr = msgid")


if __name__ == "__main__":
    main()
