"""UI layer: the parts of the 报表 page (desk.ui.pages.reports) — the period bar, the report document on screen with
its heat map, the panel that saves the report and the 台账, and the words of those files filled from tr()."""
