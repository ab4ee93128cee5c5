"""Printing layer: reportlab documents (slips, registers, reports) rendered to PDF bytes. No Qt here."""
