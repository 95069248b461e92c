"""Reference data the project maintains: regimes, memberships, codes of conduct, technologies."""
