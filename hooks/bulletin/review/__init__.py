"""The review of a change against a Git ref: the archive at the ref (baseline), what a change
may not do to published issues, texts and ledgers (permanence), and the published pages it
would change (published_pages)."""
