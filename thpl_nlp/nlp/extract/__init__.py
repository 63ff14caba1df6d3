"""One module per extractor; each yields typed annotations with ``start``/``end`` offsets."""
