"""Head office's work, one module per concern, each a set of functions over a `Context`."""
