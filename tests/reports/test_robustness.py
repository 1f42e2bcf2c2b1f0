"""No input ever yields a 500: arbitrary POSTs to the gate and every theft step."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.catalogue import registry

pytestmark = pytest.mark.django_db

THEFT = registry["stold"]
FIELDS = [
    "nar-var-date_from", "nar-var-date_to", "nar-var-time_from", "nar-var-municipality", "nar-var-what_happened",
    "foremal-TOTAL_FORMS", "foremal-0-value_sek", "foremal-0-serial_number", "foremal-5-kind",
    "om-dig-personal_identity_number", "om-dig-phone", "om-dig-email", "granska-token", "granska-confirm",
    "formset_action", "wizard_goto_step", "report_stold-current_step", "in_progress",
]
junk = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(FIELDS), junk, max_size=8), step=st.sampled_from(
    [s.name for s in THEFT.steps] + ["klar", "nonsense"]))
def test_no_post_gives_a_server_error(client, gate_answers_all_no, data, step):
    client.post("/stold/", gate_answers_all_no(THEFT))
    response = client.post(f"/stold/steg/{step}/", data)
    assert response.status_code < 500
    response = client.post("/stold/", data)
    assert response.status_code < 500
