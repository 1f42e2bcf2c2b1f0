"""Seven languages for the citizen pages, Swedish and English for staff (docs/translations.md)."""
import json
import re

import pytest
from django.utils import translation

from reports.context_processors import LANGUAGE_NAMES_LOCAL
from reports.delivery.models import Delivery
from reports.middleware import staff_path
from reports.models import Submission
from scripts.check_translations import citizen_source
from tests.reports.helpers import THEFT_ABOUT_YOU, THEFT_ITEMS, THEFT_WHEN_WHERE
from tests.reports.service_walk import submit, walk_to_check

NEW = ["ar", "so", "fi", "fa", "uk"]
RTL = {"ar", "fa"}


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["sv", "en", *NEW])
def test_every_language_has_its_prefix_direction_and_stylesheet(client, code):
    page = client.get("/" if code == "sv" else f"/{code}/").content.decode()
    # Right to left only where needed: left-to-right pages keep the plain <html lang="…">.
    assert (f'<html lang="{code}" dir="rtl">' if code in RTL else f'<html lang="{code}">') in page
    assert ("bootstrap.rtl.min.css" in page) == (code in RTL)
    assert ("bootstrap.min.css" in page) == (code not in RTL)
    with translation.override(code):
        heading = translation.gettext("Report, book and apply online")
    assert heading in page
    if code != "en":
        assert heading != "Report, book and apply online"


@pytest.mark.django_db
def test_the_language_menu_names_each_language_in_itself_with_its_lang(client):
    page = client.get("/fi/stold/").content.decode()
    menu = page[page.index('class="language-menu"'):page.index("</nav>", page.index('class="language-menu"'))]
    for code, name in LANGUAGE_NAMES_LOCAL.items():
        assert re.search(rf'lang="{code}"[^>]*dir="{"rtl" if code in RTL else "ltr"}"[^>]*>{name}<', menu), code
    assert 'href="/ar/stold/"' in menu and 'href="/stold/"' in menu  # the same page, in another language
    assert 'aria-current="true" lang="fi"' in menu  # the current one is marked, not a link


@pytest.mark.parametrize(
    ("path", "staff"),
    [("/personal/", True), ("/ar/personal/arenden/1/", True), ("/en/personal/analys/", True),
     ("/pass/personal/dagslista/1/", True), ("/so/pass/personal/dagslista/1/", True),
     ("/", False), ("/ar/stold/", False), ("/pass/", False), ("/fi/pass/hantera/", False),
     ("/personuppgifter/", False), ("/uk/personuppgifter/", False)],
)
def test_which_paths_are_staff_pages(path, staff):
    assert staff_path(path) is staff


@pytest.mark.django_db
@pytest.mark.parametrize("code", NEW)
def test_staff_pages_in_a_citizen_only_language_go_to_swedish(client, code):
    response = client.get(f"/{code}/personal/analys/?start=2026-01-01")
    assert response.status_code == 302 and response["Location"] == "/personal/analys/?start=2026-01-01"
    assert client.get("/en/personal/").status_code == 302  # English staff pages stay (login redirect)
    assert client.get("/en/personal/")["Location"].startswith("/en/personal/login/")


@pytest.mark.django_db
def test_staff_pages_offer_only_swedish_and_english(client, admin_client):
    page = admin_client.get("/personal/analys/").content.decode()
    menu = page[page.index('class="language-menu"'):page.index("</nav>", page.index('class="language-menu"'))]
    assert 'lang="en"' in menu and 'lang="ar"' not in menu and 'lang="so"' not in menu


@pytest.mark.parametrize(
    ("path", "citizen"),
    [("reports/catalogue/theft.py", True), ("templates/reports/gate.html", True), ("templates/base.html", True),
     ("reports/triage/admin.py", False), ("reports/analytics/tables.py", False), ("templates/admin/x.html", False),
     ("reports/delivery/models.py", False), ("reports/models/gate.py", False),
     ("templates/analytics/dashboard.html", False), ("templates/booking/day_list.html", False),
     ("templates/triage/email/status.txt", True), ("reports/triage/constants.py", True),
     ("templates/analytics/counterfactual_form.html", True), ("./templates/booking/start.html", True)],
)
def test_citizen_texts_are_defined_by_where_they_are_used(path, citizen):
    assert citizen_source(path) is citizen


@pytest.mark.django_db
def test_what_the_person_types_is_delivered_as_typed_with_the_form_language(client, django_capture_on_commit_callbacks):
    typed = "سُرقت دراجتي أمام المتجر"  # Arabic, as typed: never translated
    check = walk_to_check(
        client, "stold",
        [("nar-var", {**THEFT_WHEN_WHERE, "nar-var-what_happened": typed}), ("foremal", THEFT_ITEMS),
         ("om-dig", {**THEFT_ABOUT_YOU, "om-dig-preferred_language": "ar"})],
        prefix="/ar",
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, "stold", check, prefix="/ar")
    submission = Submission.objects.get()
    assert (submission.language, submission.form_language) == ("ar", "ar")
    assert submission.answers["nar-var"]["what_happened"] == typed
    payload = Delivery.objects.get().payload
    payload = payload if isinstance(payload, dict) else json.loads(payload)
    assert (payload["language"], payload["form_language"]) == ("ar", "ar")
    assert payload["answers"]["nar-var"]["what_happened"] == typed


@pytest.mark.django_db
def test_the_receipt_e_mail_goes_in_the_chosen_language(client, django_capture_on_commit_callbacks, mailoutbox):
    check = walk_to_check(client, "stold", [
        ("nar-var", THEFT_WHEN_WHERE), ("foremal", THEFT_ITEMS),
        ("om-dig", {**THEFT_ABOUT_YOU, "om-dig-preferred_language": "so"}),
    ], prefix="/so")
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, "stold", check, prefix="/so")
    with translation.override("so"):
        closing = translation.gettext("Swedish Police e-services")
    assert closing != "Swedish Police e-services"
    assert closing in mailoutbox[0].body


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/ar/", "/so/stold/", "/en/arendestatus/", "/fa/personuppgifter/"])
def test_every_page_has_the_quick_exit_without_inline_script(client, settings, path):
    page = client.get(path).content.decode()
    assert f'id="quick-exit" href="{settings.PORTAL_QUICK_EXIT_URL}"' in page
    assert 'src="/static/js/quick-exit.js"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # no inline script
    assert not re.search(r"\son[a-z]+=", page)  # no inline event handlers
