"""The web UI: server-rendered pages (Jinja2) over the same core and store as the API."""
