"""Sample reports the project makes itself from the seeds' figures, so a first run shows real charts."""
