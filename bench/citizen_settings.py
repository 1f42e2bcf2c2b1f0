"""The portal's settings plus the bare view's URL, for bench/citizen_flow.py only.

Loaded with DJANGO_DEBUG=1 for the development defaults (file connectors, test e-ID, locmem
cache, which production replaces with its own services): the SQL query log that DEBUG keeps
costs both the flow and the bare view alike.
"""
from portal.settings import *  # noqa: F403

ROOT_URLCONF = "citizen_urls"
