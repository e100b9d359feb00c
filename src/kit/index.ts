// Stub: the widgetkit runtime.
