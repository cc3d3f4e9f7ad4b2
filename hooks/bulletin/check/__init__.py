"""The checks of one archive, run as it is loaded (bulletin.archive): body safety and size,
references between files, issue numbering (and the grouping of reports into issues), events,
the ledger, unfinished drafts. The review of a change against a Git ref is bulletin.review."""
