"""Alembic migrations of the review queue (run by ``thpl_nlp.queue.store.upgrade``)."""
