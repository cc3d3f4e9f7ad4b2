"""Figures: the ranking notices' credits, points, rankings, quotas and 约稿 statuses (scoring),
the timeliness of 紧急信息 (timeliness) and the reporting network (network). Pure computations
over a loaded archive and a moment."""
