// Stub: the headless runner.
