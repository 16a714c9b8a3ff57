"""Every model on the evaluation sets beside baselines (``chuhai eval``, ``chuhai themes eval``)."""
