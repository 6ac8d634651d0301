"""Cases, clocks, escalation, notices and the weekly digest."""
