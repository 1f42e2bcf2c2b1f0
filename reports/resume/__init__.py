"""Save and continue later: a paused wizard run kept encrypted server-side (services, forms, views)."""
