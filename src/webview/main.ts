// Stub: the preview page script.
