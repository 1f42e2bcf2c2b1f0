"""The report wizard: one formtools ``NamedUrlSessionWizardView`` serves every e-service.

The steps come from the service's catalogue entry; the view only adds the portal's rules:
the gate must have been passed in this session, lists can grow and shrink without
JavaScript, going back keeps what was typed, and ``done()`` hands over to a service.
"""
from __future__ import annotations

import secrets
from datetime import timedelta
from functools import cache

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language, gettext, ngettext
from formtools.wizard.views import NamedUrlSessionWizardView

from portal.security import personal_data
from reports import eid, screening, selectors, services, session, signals, victim_support
from reports.attachments import WIZARD_UPLOADS
from reports.catalogue import Service
from reports.eid.session import login_redirect
from reports.forms.errors import error_summary
from reports.privacy import mask_card_numbers, mask_card_numbers_unless_imei
from reports.resume.services import draft_discard
from reports.views.catalogue import service_or_404
from reports.wizard.answers import answers_display, draft_build, unmasked_fields
from reports.wizard.owners import KEPT_AFTER_EXPIRY_KEY, OWNER_EXTRA_KEY, OWNER_FIELD, owned, run_owner

DONE_STEP = "klar"
# get_step_url's: a few per service, step and language.
_STEP_URLS: dict[tuple, str] = {}


class ReportWizard(NamedUrlSessionWizardView):
    template_name = "reports/wizard.html"
    service: Service = None  # set per e-service by as_view()
    # Uploads wait between steps in <PORTAL_VAR_DIR>/wizard-uploads (not public, purged daily),
    # several per field (reports.wizard.storage).
    file_storage = WIZARD_UPLOADS
    storage_name = "reports.wizard.storage.MultiFileSessionStorage"

    # -- formtools hooks -------------------------------------------------------------------
    def get_prefix(self, request, *args, **kwargs):
        return f"report_{self.service.slug}"

    def get_step_url(self, step):
        """The step's URL, reversed once per language (its prefix), URL configuration and script
        prefix: every step POST redirects to one (issue 13)."""
        key = (get_urlconf(), get_script_prefix(), get_language(), self.service.slug, step)
        url = _STEP_URLS.get(key)
        if url is None:
            url = reverse("reports:wizard_step", kwargs={"service": self.service.slug, "step": step})
            _STEP_URLS[key] = url
        return url

    def dispatch(self, request, *args, **kwargs):
        completed = session.completed_reference(request, self.service)
        if kwargs.get("step") == DONE_STEP and completed:
            return redirect("reports:receipt", reference=completed)  # a second click on "Send"
        already = self._already_submitted() if request.method == "POST" else None
        if already:
            return redirect("reports:receipt", reference=already)  # the browser re-sent the POST
        if not session.gate_passed(request, self.service):
            sent_step = request.method == "POST" and self._posted_management_step()
            if sent_step and session.gate_state(request, self.service):
                # The session lives, but the gate was answered again since this page was shown
                # (another tab) and no longer leads to the e-service: its page says why and which
                # number to call. The page's text is kept should the answers change back.
                self._keep_page_sent_past_the_gate()
                return redirect("reports:outcome", service=self.service.slug)
            # An e-ID service's run still here, its gate gone with an identity that ended (an idle
            # timeout seen by another tab): the session lives, so not "you were away for hours".
            waiting = self._eid_run_behind_the_gate()
            if sent_step and waiting is None:
                self._session_expired()  # a step sent from a page whose session has ended
            elif sent_step or (waiting is not None and owned(eid.identity(request), waiting)):
                if sent_step:  # kept for its owner (the page's tag), the run's older answers replaced
                    self._keep_page_sent_past_the_gate()
                messages.info(request, gettext(
                    "Your e-identification ended, so answer the questions again. What you had "
                    "written in the form is kept: you come back to it after the questions."
                ))
            return redirect("reports:gate", service=self.service.slug)
        return super().dispatch(request, *args, **kwargs)

    def get(self, *args, **kwargs):
        if self._identity_missing():
            return login_redirect(self.request)
        changed = self._identity_changed()
        if changed:
            return changed
        self._restore_kept_after_expiry()
        return super().get(*args, **kwargs)

    def get_form_kwargs(self, step=None):
        """Forms that declare ``uses_identity`` get the e-ID identity of this request (never
        typed, so never taken from POST); forms that declare ``uses_service`` get the service,
        to read its catalogue data (fees, lead times)."""
        kwargs = super().get_form_kwargs(step)
        form_class = self.form_list[step or self.steps.current]
        if getattr(form_class, "uses_identity", False):
            kwargs["identity"] = eid.identity(self.request) if self.service.requires_eid else None
        if getattr(form_class, "uses_service", False):
            kwargs["service"] = self.service
        return kwargs

    def get_form_initial(self, step):
        if step == self.steps.last:
            if "token" not in self.storage.extra_data:
                self.storage.extra_data = {**self.storage.extra_data, "token": secrets.token_hex(16)}
            return {"token": self.storage.extra_data["token"]}
        return super().get_form_initial(step)

    def post(self, *args, **kwargs):
        if self._identity_missing():
            self._hold_posted_page()
            return login_redirect(self.request)
        changed = self._identity_changed()
        if changed:
            return changed
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        if posted_step is not None and posted_step not in self.get_form_list():
            # A tampered step field (formtools would make it the current step and fail).
            raise BadRequest("unknown wizard step")
        if posted_step is not None and posted_step != self.steps.current:
            # The page was sent from another tab, or after the person moved on in this one: the
            # page being left (back, save for later) is the one posted, as formtools' own post()
            # decides for "Continue".
            self.storage.current_step = posted_step
        goto = self.request.POST.get("wizard_goto_step")
        if goto and goto in self.get_form_list():
            # Going back keeps what was typed on this page, valid or not yet.
            self._keep_posted_step()
            return self.render_goto_step(goto)
        if self.request.POST.get("save_for_later"):
            self._keep_posted_step()
            return redirect("reports:draft_save", service=self.service.slug)
        action = self.request.POST.get("formset_action", "")
        if action:
            return self._formset_action(action)
        return super().post(*args, **kwargs)

    def get_form(self, step=None, data=None, files=None):
        step = step or self.steps.current
        if getattr(self.get_form_list()[step], "accepts_files", False):
            if files is self.request.FILES:
                files = self._files_with_earlier(step)  # earlier uploads of this step, then the new ones
            if data is None:
                data = {}  # an optional attachments step never visited counts as "no files"
        return super().get_form(step=step, data=data, files=files)

    def get_form_step_data(self, form):
        """What the session keeps of a valid step: the step's own fields (card numbers masked),
        not the CSRF token or the wizard's control fields sent with them."""
        return step_data_masked(type(form), self._without_removals(own_fields(form.data, form.prefix)))

    def get_form_step_files(self, form):
        """For the attachments step: the cleaned files (new ones re-encoded), not the raw upload;
        after a refusal, the files that passed the checks. Files the storage already holds keep
        their place."""
        if not getattr(form, "accepts_files", False):
            return super().get_form_step_files(form)
        cleaned_files = (form.cleaned_data.get("files") or []) if form.is_valid() else form.accepted_files
        uploads = []
        for clean in cleaned_files:
            upload = SimpleUploadedFile(clean.name, clean.content, clean.content_type)
            if clean.tmp_name:
                upload.wizard_tmp_name = clean.tmp_name
            uploads.append(upload)
        files = MultiValueDict()
        files.setlist(form.add_prefix("files"), uploads)
        return files

    def render_next_step(self, form, **kwargs):
        """formtools' (the next step becomes the current one, and the browser is sent to its
        URL), or back to the check page when the person came from there. The URL is a path:
        ``HttpResponseRedirect``, not ``redirect()``, which first tries it as a view name to
        reverse (issue 13: about 1 % of a step POST)."""
        if self.request.POST.get("return_to_check") and self._all_steps_stored():
            step = self.steps.last
        else:
            step = self.get_next_step()
        self.storage.current_step = step
        return HttpResponseRedirect(self.get_step_url(step))

    def render_revalidation_failure(self, failed_step, form, **kwargs):
        # "Send" found an earlier step no longer valid: that page, once reached, shows why.
        self.storage.extra_data = {**self.storage.extra_data, "show_errors": failed_step}
        return super().render_revalidation_failure(failed_step, form, **kwargs)

    def render(self, form=None, **kwargs):
        self._note_step_reached(self.steps.current)
        if self.request.method == "GET" and form is not None and form.is_bound:
            # A page the person has not submitted (reached by going back and forward, or by
            # opening a saved draft) shows what was typed, never "There is a problem".
            extra = dict(self.storage.extra_data)
            if extra.pop("show_errors", None) == self.steps.current:
                self.storage.extra_data = extra
            else:
                form = errors_hidden(form)
                kwargs["suppress_errors"] = True
        if form is not None and getattr(form, "accepted_files", None) and form.is_bound and form.errors:
            form = self._keep_accepted_files(form)
        return super().render(form, **kwargs)

    def _keep_accepted_files(self, form):
        """A refused file must not cost the person the good files sent with it: keep those,
        and show the page again with the refusal and the kept files listed."""
        step = self.steps.current
        self.storage.set_step_files(step, self.get_form_step_files(form))
        errors = form.errors
        kept = self.get_form(step=step, data=self._without_removals(self.request.POST),
                             files=self.storage.get_step_files(step))
        kept._errors = errors
        return kept

    def _note_step_reached(self, step: str) -> None:
        reached = self.storage.extra_data.get("reached", [])
        if step in reached:
            return
        self.storage.extra_data = {**self.storage.extra_data, "reached": [*reached, step]}
        # Analytics counts here where people drop off; a failing listener is only logged.
        signals.signal_send(signals.step_reached, sender=type(self), service=self.service, step=step,
                            language=get_language())

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.service.step(self.steps.current)
        context.update(
            service=self.service,
            step=step,
            step_number=self.steps.step1 + 1,  # the gate's questions were step 1
            step_total=self.steps.count + 1,
            is_formset=isinstance(form, forms.BaseFormSet),
            error_summary=[] if kwargs.get("suppress_errors") else error_summary(form),
            suppress_errors=kwargs.get("suppress_errors", False),
            changing=self.request.GET.get("andra") == "1" or bool(self.request.POST.get("return_to_check")),
            focus_item=kwargs.get("focus_item"),
            focus_list=kwargs.get("focus_list", False),
            **self._session_expiry(),
        )
        who = eid.identity(self.request) if self.service.requires_eid else None
        if who is not None:
            context["eid_owner"] = who.owner  # whose page, should it be sent after the session ended
        state = session.gate_state(self.request, self.service) or {}
        gate_outcome = session.outcome_for_state(self.service, state) if state else None
        if gate_outcome is not None:
            # Warnings of the gate (a late application) stay in view on every step.
            by_id = {rule.id: rule for rule in self.service.rules}
            context["gate_warnings"] = [by_id[r] for r in gate_outcome.rules if r in by_id and by_id[r].is_warning]
        if self.steps.current == self.steps.last:
            draft = draft_build(service=self.service, form_dict=self._valid_forms())
            context["sections"] = self._sections(draft)
            # Checked before sending: a case that belongs on the phone is told so here.
            context["screening"] = self._screen(draft)
        return context

    def done(self, form_list, form_dict=None, **kwargs):
        draft = draft_build(service=self.service, form_dict=form_dict)
        findings = self._screen(draft)
        draft.screening = [finding.as_json() for finding in findings]
        draft.priority = screening.priority_for(findings)
        if self.service.requires_eid:
            # A person can only apply as themselves: the identity is always the e-ID one.
            who = eid.identity(self.request)
            draft.reporter_name, draft.personal_identity_number = who.name, who.personal_identity_number
        state = session.gate_state(self.request, self.service) or {}
        submission, _created = services.submission_create(
            service=self.service,
            draft=draft,
            language=get_language(),
            client_token=self.storage.extra_data["token"],
            gate_record_id=state.get("record"),
        )
        if self.storage.extra_data.get("draft"):
            draft_discard(draft_id=self.storage.extra_data["draft"])  # sent: the link is done
        victim_support.remember(
            self.request, reference=submission.reference,
            helplines=victim_support.helplines_for(service=self.service, answers=state.get("answers") or {}),
        )
        session.submission_completed(self.request, self.service, submission.reference)
        return redirect("reports:receipt", reference=submission.reference)

    # -- the portal's additions ---------------------------------------------------------------
    def _session_expiry(self) -> dict:
        """When this session forgets the answers: every wizard page counts as activity, so the
        session is saved (its expiry renewed) and ends SESSION_COOKIE_AGE from now."""
        self.request.session.modified = True
        age = settings.SESSION_COOKIE_AGE
        return {
            "session_seconds": age,
            "session_hours": max(1, age // 3600),
            "session_expires_at": timezone.now() + timedelta(seconds=age),
        }

    def _posted_management_step(self) -> str:
        step = self.request.POST.get(f"{self.get_prefix(self.request)}-current_step", "")
        return step if step in self.form_list else ""

    def _session_expired(self) -> None:
        """The session ended (SESSION_COOKIE_AGE without activity) while the person had a page
        open: say so on the gate page, and keep what that page held (not files) for when the
        person has answered the questions again."""
        self._keep_page_sent_past_the_gate()
        hours = max(1, settings.SESSION_COOKIE_AGE // 3600)
        messages.warning(self.request, ngettext(
            "You were away for more than %(hours)s hour, so the e-service has forgotten your answers "
            "to protect them. Answer the questions again: what you had written on the page you sent "
            "has been kept and is filled in when you reach that page.",
            "You were away for more than %(hours)s hours, so the e-service has forgotten your answers "
            "to protect them. Answer the questions again: what you had written on the page you sent "
            "has been kept and is filled in when you reach that page.",
            hours,
        ) % {"hours": hours})

    def _screen(self, draft) -> list[screening.Finding]:
        """The screening of the answers as they would be sent, with this session's gate tries."""
        return screening.screen(
            service=self.service, answers=draft.answers, items=draft.items,
            gate_phone=session.gate_phone_outcome(self.request, self.service),
        )

    def _keep_page_sent_past_the_gate(self) -> None:
        """Keep what a step page sent without a passed gate held (not files), filled in again when
        the person reaches that step after answering the questions (``_restore_kept_after_expiry``)."""
        step = self._posted_management_step()
        prefix = f"{self.get_form_prefix(step, self.form_list[step])}-"
        data = {k: v for k, v in self.request.POST.lists() if k.startswith(prefix)}
        if not getattr(self.form_list[step], "accepts_files", False):
            kept = self.request.session.get(KEPT_AFTER_EXPIRY_KEY, {})
            kept[self.service.slug] = {"step": step, "data": step_data_masked(self.form_list[step], data)}
            if self.service.requires_eid:
                # Whose page it was, as the page says: filled in again only for that person.
                tag = eid.Identity.owner_tag(self.request.POST.get(OWNER_FIELD, ""))
                kept[self.service.slug][OWNER_EXTRA_KEY] = tag
            self.request.session[KEPT_AFTER_EXPIRY_KEY] = kept

    def _restore_kept_after_expiry(self) -> None:
        kept = self.request.session.get(KEPT_AFTER_EXPIRY_KEY, {})
        entry = kept.pop(self.service.slug, None)
        if entry is None:
            return
        self.request.session[KEPT_AFTER_EXPIRY_KEY] = kept
        if self.service.requires_eid and not owned(eid.identity(self.request), entry.get(OWNER_EXTRA_KEY)):
            return  # another person's page (identity_start has dropped it already)
        if entry["step"] in self.get_form_list():  # the page sent last: newer than the run's answers
            self.storage.set_step_data(entry["step"], entry["data"])
            self.storage.current_step = self.storage.current_step or self.steps.first
            self.request.session.modified = True  # a change inside the stored dict

    def _eid_run_behind_the_gate(self) -> str | None:
        """The owner tag of an e-ID service's run still in the session while the gate's answers
        went with an identity that ended (``reports.session.eid_gates_forget``), or None. Not a
        gate answered again with another outcome: that page says itself where to go."""
        if not self.service.requires_eid or session.gate_state(self.request, self.service) is not None:
            return None
        return run_owner(self.request, self.service)

    def _identity_missing(self) -> bool:
        """The gate is open to all (it tells people without e-ID how to apply instead); the
        steps of an e-ID service are not: identify first, then come back to the same page."""
        return self.service.requires_eid and eid.identity(self.request) is None

    def _hold_posted_page(self) -> None:
        """The identity ended (idle timeout) while this page was open: keep what the page holds
        with the run, which is tagged with its owner, so that the same person finds it after
        identifying again; anyone else identifying drops the run first (reports.wizard.owners)."""
        step = self.request.POST.get(f"{self.prefix}-current_step")
        if not self.storage.extra_data.get(OWNER_EXTRA_KEY) or step not in self.get_form_list():
            return
        self.storage.current_step = step
        self._keep_posted_step()

    def _identity_changed(self):
        """Start again if another person identified in this browser since the wizard began,
        so that nobody sends (or sees) what someone else typed. The run keeps only the
        person's ``Identity.owner`` tag, never the number."""
        if not self.service.requires_eid:
            return None
        who = eid.identity(self.request)
        started_by = self.storage.extra_data.get(OWNER_EXTRA_KEY)
        if started_by is not None and owned(who, started_by):
            if started_by != who.owner:  # a draft saved when the tag was the number itself
                self.storage.extra_data = {**self.storage.extra_data, OWNER_EXTRA_KEY: who.owner}
            return None
        if started_by is None:
            self.storage.extra_data = {**self.storage.extra_data, OWNER_EXTRA_KEY: who.owner}
            return None
        self.storage.reset()
        self.storage.extra_data = {OWNER_EXTRA_KEY: who.owner}
        return redirect(self.get_step_url(self.steps.first))

    def _already_submitted(self) -> str | None:
        """The reference, if this POST repeats one whose submission this session already made."""
        return selectors.receipt_reference_for_token(
            client_token=self.request.POST.get(f"{self.service.steps[-1].name}-token", ""),
            allowed_references=session.receipts_allowed(self.request),
        )

    def _posted_step_data(self) -> dict:
        data = own_fields(self.request.POST, self.get_form_prefix())
        return step_data_masked(self.get_form_list()[self.steps.current], self._without_removals(data))

    def _without_removals(self, data):
        """The attachments step's "remove" ticks act once; they are not answers to keep."""
        key = f"{self.get_form_prefix()}-remove"
        if key not in data:
            return data
        data = data.copy()
        del data[key]
        return data

    def _keep_posted_step(self) -> None:
        """Keep what this page holds when leaving it without "Continue" (back, save for later).

        Typed answers are kept as typed; files only if they pass the checks.
        """
        step = self.steps.current
        self.storage.current_step = step  # "save for later" resumes here
        form_class = self.get_form_list()[step]
        if getattr(form_class, "accepts_files", False):
            form = self.get_form(data=self.request.POST, files=self.request.FILES)
            if form.is_valid() or form.accepted_files:
                self.storage.set_step_files(step, self.get_form_step_files(form))
        self.storage.set_step_data(step, self._posted_step_data())

    def _files_with_earlier(self, step: str) -> MultiValueDict:
        merged = MultiValueDict()
        earlier = self.storage.get_step_files(step) or MultiValueDict()
        for key in {*earlier.keys(), *self.request.FILES.keys()}:
            merged.setlist(key, [*earlier.getlist(key), *self.request.FILES.getlist(key)])
        return merged

    def _all_steps_stored(self) -> bool:
        return all(self.storage.get_step_data(step) is not None for step in self.steps.all[:-1])

    def _formset_action(self, action: str):
        form_class = self.get_form_list()[self.steps.current]
        if not issubclass(form_class, forms.BaseFormSet):
            raise Http404
        prefix = self.get_form_prefix()
        rows = formset_rows(self.request.POST, prefix, list(form_class.form.base_fields))
        if action == "add" and len(rows) < form_class.max_num:
            rows.append({})
        elif action.startswith("remove-") and action[7:].isdigit() and len(rows) > 1:
            index = int(action[7:])
            if index < len(rows):
                del rows[index]
        data = step_data_masked(form_class, formset_data(prefix, rows))
        self.storage.set_step_data(self.steps.current, data)
        form = self.get_form(data=data)
        form.helper.form_show_errors = False  # adding or removing an item is not a failed submit
        focus = {"focus_item": len(rows) - 1} if action == "add" else {"focus_list": True}
        return self.render(form, suppress_errors=True, **focus)

    def _valid_forms(self):
        form_dict = {}
        for step in self.steps.all[:-1]:
            data, files = self.storage.get_step_data(step), self.storage.get_step_files(step)
            form = self.get_form(step=step, data=data, files=files)
            if form.is_bound and form.is_valid():
                form_dict[step] = form
        return form_dict

    def _sections(self, draft):
        return [
            (section, self.get_step_url(section.step) + "?andra=1")
            for section in answers_display(service=self.service, answers=draft.answers)
        ]


def errors_hidden(form):
    """The bound ``form`` (or formset), validated, with its error messages dropped for display."""
    if isinstance(form, forms.BaseFormSet):
        form.full_clean()
        form._non_form_errors = form.error_class(error_class="nonform", renderer=form.renderer)
        for subform in form.forms:
            errors_hidden(subform)
        form._errors = [subform._errors for subform in form.forms]
        return form
    form.full_clean()
    form._errors = ErrorDict()
    return form


def own_fields(data, prefix: str) -> dict[str, list]:
    """The posted values (a ``QueryDict``) of the form with this ``prefix``: its fields are named
    ``<prefix>-…``."""
    start = f"{prefix}-"
    return {key: values for key, values in data.lists() if key.startswith(start)}


def step_data_masked(form_class, data):
    """A step's posted data as the session keeps it between requests: card numbers masked.

    The stored answers are masked when the report is sent (reports.wizard.answers); this keeps a whole card
    number typed into a free-text field out of the session rows too, and shows it masked when
    the person comes back to the page. Hidden fields (the submission token) and file steps are
    kept as posted; a field a form validates as an IMEI (``unmasked_fields``) keeps a value that
    can be one (``imei_shaped``) and is masked otherwise, so an American Express number typed
    there is not kept either.
    """
    inner = getattr(form_class, "form", form_class)  # a formset's form
    if getattr(inner, "accepts_files", False):
        return data
    hidden, imei_fields = _not_masked(inner)

    def masked(key, values):
        name = key.rsplit("-", 1)[-1]
        if name in hidden:
            return list(values)
        mask = mask_card_numbers_unless_imei if name in imei_fields else mask_card_numbers
        return [mask(v) if isinstance(v, str) else v for v in values]

    if isinstance(data, MultiValueDict):
        return MultiValueDict({key: masked(key, values) for key, values in data.lists()})
    return {key: masked(key, values) for key, values in data.items()}


@cache
def _not_masked(form_class) -> tuple[frozenset[str], frozenset[str]]:
    """The hidden fields of ``form_class`` and its IMEI fields (``step_data_masked``), once per class."""
    hidden = {name for name, field in getattr(form_class, "base_fields", {}).items() if field.widget.is_hidden}
    return frozenset(hidden), frozenset(unmasked_fields(form_class)) - hidden


def formset_rows(data, prefix: str, fields: list[str]) -> list[dict[str, list[str]]]:
    """The raw rows of a posted formset, as typed, in order."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", "0")), 1000)
    except ValueError:
        total = 0
    return [
        {name: data.getlist(f"{prefix}-{i}-{name}") for name in fields if f"{prefix}-{i}-{name}" in data}
        for i in range(total)
    ]


def formset_data(prefix: str, rows: list[dict[str, list[str]]]) -> MultiValueDict:
    data = MultiValueDict(
        {
            f"{prefix}-TOTAL_FORMS": [str(len(rows))],
            f"{prefix}-INITIAL_FORMS": ["0"],
            f"{prefix}-MIN_NUM_FORMS": ["0"],
            f"{prefix}-MAX_NUM_FORMS": ["1000"],
        }
    )
    for i, row in enumerate(rows):
        for name, values in row.items():
            data.setlist(f"{prefix}-{i}-{name}", values)
    return data


@cache
def _view_for(slug: str):
    service = service_or_404(slug)
    return ReportWizard.as_view(
        form_list=[(step.name, step.form_class) for step in service.steps],
        condition_dict={step.name: step.condition for step in service.steps if step.condition},
        url_name="reports:wizard_step",
        done_step_name=DONE_STEP,
        service=service,
    )


@personal_data
def report_wizard(request, service, step=None):
    return _view_for(service)(request, step=step)  # an unknown service raises Http404 (never cached)


@personal_data
def receipt(request, reference):
    submission = selectors.submission_for_receipt(
        reference=reference, allowed_references=session.receipts_allowed(request)
    )
    if submission is None:
        raise Http404
    service = service_or_404(submission.service)
    if service.requires_eid:
        # It shows the sender's reference and e-mail address: after an idle timeout, only to the
        # sender identified again (another person's identification has dropped it already).
        who = eid.identity(request)
        if who is None:
            return login_redirect(request)
        if who.personal_identity_number != submission.personal_identity_number:
            raise Http404
    helplines = victim_support.for_receipt(request, submission.reference)
    return render(
        request, "reports/receipt.html", {"submission": submission, "service": service, "helplines": helplines}
    )
