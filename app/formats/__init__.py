"""Writers from the public event JSON (app.views) to other formats: pure generators of text."""
