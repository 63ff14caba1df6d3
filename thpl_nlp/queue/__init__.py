"""Review queue: store, merge and triage service, auth, web app and CLI."""
