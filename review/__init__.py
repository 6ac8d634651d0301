"""The review web app for the e-safety coordinator and the DSL."""
