"""Pages: the catalog → the pages of the site (plan, pagination, collisions, wording, what each
template receives, and the fingerprints of incremental rebuilds)."""
