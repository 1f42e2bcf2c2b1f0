"""No input gives a 500: arbitrary POSTs to every step of the six services, after the gate."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.catalogue import registry
from tests.reports.service_walk import gate_answers

pytestmark = pytest.mark.django_db

SLUGS = ["inbrott", "kortbedrageri", "forlust", "skadegorelse", "parkeringsskada", "tips"]


def field_names(slug):
    names = ["formset_action", "wizard_goto_step", f"report_{slug}-current_step", "return_to_check"]
    for step in registry[slug].steps:
        form = step.form_class.form if hasattr(step.form_class, "form") else step.form_class
        if hasattr(step.form_class, "form"):
            names += [f"{step.name}-TOTAL_FORMS", f"{step.name}-INITIAL_FORMS"]
            names += [f"{step.name}-{i}-{name}" for i in (0, 1, 7) for name in form.base_fields]
        else:
            names += [f"{step.name}-{name}" for name in form.base_fields]
    return names


junk = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30),
    st.sampled_from(["yes", "no", "vehicle", "other", "2026-11-20", "24:99", "0180", "-1", "1e400", "NaN",
                     "4111 1111 1111 1111", "ABC123", "9" * 40, "0", "1001", "remove-0", "add", "granska"]),
)


@st.composite
def posts(draw):
    slug = draw(st.sampled_from(SLUGS))
    step = draw(st.sampled_from([s.name for s in registry[slug].steps] + ["klar", "nonsense"]))
    data = draw(st.dictionaries(st.sampled_from(field_names(slug)), junk, max_size=10))
    return slug, step, data


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(post=posts())
def test_no_post_to_a_step_gives_a_server_error(client, post):
    slug, step, data = post
    client.post(f"/en/{slug}/", gate_answers(slug))
    response = client.post(f"/en/{slug}/steg/{step}/", data)
    assert response.status_code < 500
    response = client.post(f"/en/{slug}/", data)  # the gate too
    assert response.status_code < 500
