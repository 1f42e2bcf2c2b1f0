"""After sending: the status lookup, the status page and the citizen's supplements (services, forms, views)."""
