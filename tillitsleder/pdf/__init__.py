"""Print-ready PDFs with ReportLab: the shipped fonts, safe text, and a page layout shared by every document."""
