"""mtreview: translation-quality review for machine-translated documents."""

__version__ = "0.1.0"
