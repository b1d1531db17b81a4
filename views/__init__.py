"""Views: the only readers of the store for the pages. Each function takes a Store and the reader's
choices and returns what a page shows, computed by the pure functions of `analyses/`."""
