"""The reviewers' web app (FastAPI, Jinja2, htmx)."""
