"""Session storage for the wizard that keeps several files per field between steps.

formtools' own storage keeps one file per field; the attachments step takes several. Here
each step's files are stored as ``{field: [file_dict, ...]}`` and come back as a
``MultiValueDict`` of ``UploadedFile`` objects marked with ``wizard_tmp_name`` (their name in
the upload storage, a random one: never the citizen's file name). A file that is stored again
keeps its place; a file that is no longer listed is deleted when the response is done.
"""
from __future__ import annotations

import secrets

from django.core.files.uploadedfile import UploadedFile
from django.utils.datastructures import MultiValueDict
from formtools.wizard.storage.exceptions import NoFileStorageConfigured
from formtools.wizard.storage.session import SessionStorage


class MultiFileSessionStorage(SessionStorage):
    def _step_entries(self, step: str) -> dict[str, list[dict]]:
        entries = self.data[self.step_files_key].get(step, {})
        return {field: value if isinstance(value, list) else [value] for field, value in entries.items()}

    def reset(self):
        for step in list(self.data[self.step_files_key]):
            for entries in self._step_entries(step).values():
                self._tmp_files.extend(entry["tmp_name"] for entry in entries)
        self.init_data()

    def get_step_files(self, step):
        entries = self._step_entries(step)
        if entries and not self.file_storage:
            raise NoFileStorageConfigured("The wizard needs a file_storage to keep uploads.")
        files = MultiValueDict()
        for field, field_entries in entries.items():
            uploaded = []
            for entry in field_entries:
                key = (step, field, entry["tmp_name"])
                if key not in self._files:
                    if not self.file_storage.exists(entry["tmp_name"]):
                        continue  # purged meanwhile: the step shows it is no longer attached
                    kwargs = {k: entry.get(k) for k in ("name", "content_type", "size", "charset")}
                    upload = UploadedFile(file=self.file_storage.open(entry["tmp_name"]), **kwargs)
                    upload.wizard_tmp_name = entry["tmp_name"]
                    self._files[key] = upload
                uploaded.append(self._files[key])
            files.setlist(field, uploaded)
        return files or None

    def set_step_files(self, step, files):
        if files and not self.file_storage:
            raise NoFileStorageConfigured("The wizard needs a file_storage to keep uploads.")
        previous = {
            entry["tmp_name"] for entries in self._step_entries(step).values() for entry in entries
        }
        stored: dict[str, list[dict]] = {}
        lists = files.lists() if isinstance(files, MultiValueDict) else ((k, [v]) for k, v in (files or {}).items())
        for field, field_files in lists:
            stored[field] = []
            for field_file in field_files:
                tmp_name = getattr(field_file, "wizard_tmp_name", "")
                if not tmp_name or tmp_name not in previous:
                    field_file.seek(0)
                    tmp_name = self.file_storage.save(secrets.token_hex(16), field_file)
                stored[field].append({
                    "tmp_name": tmp_name,
                    "name": field_file.name,
                    "content_type": field_file.content_type,
                    "size": field_file.size,
                    "charset": getattr(field_file, "charset", None),
                })
        kept = {entry["tmp_name"] for entries in stored.values() for entry in entries}
        self._tmp_files.extend(sorted(previous - kept))
        self.data[self.step_files_key][step] = stored
