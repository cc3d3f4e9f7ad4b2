"""Figures of the ranking notices (通报): credits, points, rankings, quotas and 约稿 statuses."""
