"""Adapters to the systems outside the province (DESIGN.md §3 "edges"): plugins that take and
return dataclasses, never models, chosen by settings. They import no domain app."""
