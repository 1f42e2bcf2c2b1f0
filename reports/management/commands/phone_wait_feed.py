"""A demo feeder of the expected 114 14 wait (docs/phone-wait.md).

    manage.py phone_wait_feed --minutes 25            # one reading, straight into the database
    manage.py phone_wait_feed --repeat 60             # a reading a minute (wait drifting 15–40)
    manage.py phone_wait_feed --url http://127.0.0.1:8000/api/kontaktcenter/vantetid/ --token T

With --url it posts to the feed endpoint as the contact centre would (the token is
PHONE_WAIT_FEED_TOKEN of that portal); without, it records the reading directly.
"""
import json
import random
import time
import urllib.request

from django.core.management.base import BaseCommand, CommandError

from reports import phone_wait


class Command(BaseCommand):
    help = "Feed the expected 114 14 wait, once or every --repeat seconds (a demo of the contact centre's feed)."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=25, help="the wait to report (default 25)")
        parser.add_argument("--repeat", type=int, default=0, help="report again every N seconds, drifting")
        parser.add_argument("--url", default="", help="post to this feed endpoint instead of the database")
        parser.add_argument("--token", default="", help="the endpoint's bearer token (with --url)")

    def handle(self, *args, **options):
        minutes = options["minutes"]
        while True:
            self._feed(minutes, options["url"], options["token"])
            if options["repeat"] <= 0:
                return
            time.sleep(options["repeat"])
            minutes = min(40, max(15, minutes + random.randint(-3, 3)))  # noqa: S311 - demo drift

    def _feed(self, minutes: int, url: str, token: str) -> None:
        if url:
            request = urllib.request.Request(  # noqa: S310 - the operator chooses the URL
                url, data=json.dumps({"wait_minutes": minutes}).encode(), method="POST",
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                    self.stdout.write(f"114 14 wait {minutes} min posted: HTTP {response.status}")
            except OSError as error:
                raise CommandError(f"the feed endpoint refused the reading: {error}") from error
            return
        try:
            phone_wait.phone_wait_record(wait_minutes=minutes)
        except phone_wait.FeedError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"114 14 wait recorded: {minutes} min")


def demo_phone_wait(stdout) -> None:
    """demo_data: a current 25-minute wait, and demo reports that took 4–7 minutes from the gate,
    so that the nudge shows after `make run` (the reading goes stale after
    PHONE_WAIT_MAX_AGE_SECONDS; `phone_wait_feed --repeat 60` keeps it fresh)."""
    from datetime import timedelta

    from reports.demo import DEMO_TOKEN_PREFIX
    from reports.models import GateRecord, Submission

    demo = Submission.objects.filter(client_token__startswith=DEMO_TOKEN_PREFIX, gate_record__isnull=False)
    for number, (gate_id, sent) in enumerate(demo.values_list("gate_record_id", "created_at")):
        GateRecord.objects.filter(pk=gate_id, created_at__gt=sent - timedelta(minutes=1)).update(
            created_at=sent - timedelta(minutes=4 + number % 4)
        )
    phone_wait.phone_wait_record(wait_minutes=25)
    stdout.write("Demo 114 14 wait: 25 minutes (run `manage.py phone_wait_feed --repeat 60` to keep it current).")
