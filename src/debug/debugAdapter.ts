// Stub: the debug adapter stdio entry.
