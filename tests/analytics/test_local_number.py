"""The dashboard writes its plain-text numbers as the page's language writes numbers."""
import pytest
from django.utils import translation

from reports.templatetags.portal import local_number


@pytest.mark.parametrize(("language", "cell", "shown"), [
    ("sv", "0.500", "0,500"),
    ("en", "0.500", "0.500"),
    ("sv", "12345", "12\xa0345"),
    ("en", "12345", "12,345"),
    ("sv", "-3.2", "-3,2"),
    ("sv", "–", "–"),
    ("sv", "Lämna tips", "Lämna tips"),
])
def test_dashboard_numbers_are_written_as_the_page_language_writes_them(language, cell, shown):
    with translation.override(language):
        assert local_number(cell) == shown
