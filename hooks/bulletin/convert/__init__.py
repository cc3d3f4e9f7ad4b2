"""Conversion: a unit's Word document (.docx) read into a report's title, unit line and Markdown
body, strictly and within limits (worddocs); `bulletin import` writes the report."""
