"""Import readers: one module per format, each returning the text the analyst will see."""
