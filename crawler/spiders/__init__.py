"""One spider per permitted source; each maps its source's shape onto the posting item."""
