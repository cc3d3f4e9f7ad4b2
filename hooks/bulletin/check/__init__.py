"""Checks across what was read: body safety, references, issue numbering, and what a change may
do to published issues (comparison with a Git ref)."""
