"""GraphiQL served by this service: the page and its pinned assets, nothing from a CDN."""
