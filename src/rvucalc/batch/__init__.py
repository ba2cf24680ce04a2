"""Many lines at once: parse each distinct value once, price whole columns, stream the output."""
