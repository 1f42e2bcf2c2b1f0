"""The report wizard: its view, its session storage and the answers it builds."""
