"""Writers from the event JSON of app.views to other formats: pure functions, no I/O."""
