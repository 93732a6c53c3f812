"""Pure rules of the app: no Qt, no SQL, no HTTP, no I/O of any kind."""
