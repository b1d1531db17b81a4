"""Did a new way of working change the figures: event time, before/after, interrupted time series,
difference in differences, synthetic control, their checks and the simulation that measures them."""
