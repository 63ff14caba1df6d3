"""Vietnamese NLP layer: reference, pointer, date and quantity extractors, and a spaCy pipeline.

The extractors in :mod:`thpl_nlp.nlp.extract` are pure regular expressions over the text, fast
enough for ``thpl parse`` and free of spaCy imports; :func:`thpl_nlp.nlp.pipeline.load_pipeline`
wraps them (plus underthesea word segmentation) into a spaCy ``Language`` for richer analysis.
This package never imports ``thpl_nlp.kb``: name-only citations are resolved later by a resolver.
"""
