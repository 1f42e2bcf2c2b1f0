"""Issue 14: the error summary reads as sentences, one per unanswered question, each naming its
question ("Answer “Is it happening now?”."), never "…nearby?: Answer this question"."""
import html
import re

import pytest

from reports.catalogue import registry
from tests.reports.helpers import pass_gate

pytestmark = pytest.mark.django_db

GATED = [service.slug for service in registry if not service.entry_url_name and service.questions]


def summary_items(page: str) -> list[str]:
    start = page.index('id="error-summary"')
    block = page[start:page.index("</ul>", start)]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", item)).split())
            for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


# How each language asks for an answer (locale/*/django.po, "Answer “%(label)s”."): the item starts
# so (Arabic and Persian put the verb elsewhere: only "?:" is checked there).
ANSWER = {"en": "Answer “", "sv": "Svara på ”", "fi": "Vastaa kysymykseen ”", "uk": "Дайте відповідь на «",
          "so": "Ka jawaab “", "ar": "", "fa": ""}


@pytest.mark.parametrize("language", list(ANSWER))
@pytest.mark.parametrize("slug", GATED)
def test_the_empty_gate_lists_each_question_in_a_sentence_of_its_own(client, slug, language):
    prefix = "" if language == "sv" else f"/{language}"
    items = summary_items(pass_gate(client, slug, {}, prefix).content.decode())
    assert len(items) == len(registry[slug].questions)
    # Not "<question>?: Answer “<question>”." (the Swedish summary read so until the quotes of
    # every language were recognised).
    odd = [item for item in items if "?:" in item or not item.startswith(ANSWER[language])]
    assert odd == []


@pytest.mark.parametrize(("label", "message", "expected"), [
    ("Was anything taken?", "Answer yes or no.", "Was anything taken? Answer yes or no."),
    ("Togs något?", "Svara ja eller nej.", "Togs något? Svara ja eller nej."),
    ("هل أُخذ شيء؟", "أجب بنعم أو لا.", "هل أُخذ شيء؟ أجب بنعم أو لا."),
    ("Serial number", "Check what you wrote.", "Serial number: Check what you wrote."),
    ("Was anything taken?", "Answer “Was anything taken?”.", "Answer “Was anything taken?”."),
    ("Togs något?", "Svara på ”Togs något?”.", "Svara på ”Togs något?”."),
    ("Чи щось узяли?", "Дайте відповідь на «Чи щось узяли?».", "Дайте відповідь на «Чи щось узяли?»."),
])
def test_a_message_follows_its_label_as_a_sentence_or_stands_alone_when_it_names_it(label, message, expected):
    """A message that does not name its field follows the field's label; after a question it
    follows as a sentence ("Was anything taken? Answer yes or no."), never "…taken?: Answer…";
    a message that names its field, in any language's quotation marks, stands alone. (The flow
    tests, e.g. tests/reports/test_burglary_flow.py, see the same on the pages.)"""
    from django import forms

    from reports.forms.errors import error_summary

    class Form(forms.Form):
        answer = forms.CharField(label=label, error_messages={"required": message})

    assert error_summary(Form(data={})) == [("id_answer", expected)]
