"""Swedish is the default language: its catalogue must be complete and in use."""
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

SV = Path(settings.BASE_DIR) / "locale/sv/LC_MESSAGES/django.po"


def test_swedish_catalogue_has_every_entry_translated_and_none_fuzzy():
    catalogue = polib.pofile(str(SV))
    untranslated = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert untranslated == []


def test_placeholders_survive_translation():
    catalogue = polib.pofile(str(SV))
    def names(text):
        return sorted(re.findall(r"%\((\w+)\)[sd]", text))

    broken = [e.msgid for e in catalogue if e.msgstr and names(e.msgid) != names(e.msgstr)]
    assert broken == []


@pytest.mark.django_db
def test_the_front_page_is_swedish_at_the_root_and_english_under_en(client):
    swedish = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    with translation.override("sv"):
        heading = translation.gettext("Report, book and apply online")
    assert heading != "Report, book and apply online"
    assert heading in swedish
    assert "Report, book and apply online" in english
    assert 'lang="sv"' in swedish and 'lang="en"' in english
