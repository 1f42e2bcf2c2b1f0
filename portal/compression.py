"""Gzip for HTML pages, except those that carry a secret of their own (issue 13).

Compressing a page that reflects attacker-chosen text beside a secret lets an attacker who
sees the encrypted sizes guess the secret (BREACH). Why the rest is safe:

* the CSRF token is masked with a new random value in every response, so its compressed size
  says nothing about it;
* Django's ``GZipMiddleware`` adds 0–100 random bytes to each compressed response ("Heal The
  BREACH"), which multiplies the number of requests such an attack needs;
* the pages that carry a secret of the person's own in the body (a booking's manage token,
  the signed status link, a saved draft's resume token and code) are never compressed:
  ``UNCOMPRESSED_PATHS`` below.
"""
import re

from django.middleware.gzip import GZipMiddleware

# Any language prefix (/en/, /ar/, /so/, …): the pages carry the same secrets in every language.
UNCOMPRESSED_PATHS = re.compile(
    r"^/(?:[a-z]{2,3}(?:-[a-z0-9]+)?/)?(?:pass/bokning/|arendestatus/lank/|fortsatt/|[\w-]+/spara/)"
)


class PortalGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if UNCOMPRESSED_PATHS.match(request.path):
            return response
        return super().process_response(request, response)
