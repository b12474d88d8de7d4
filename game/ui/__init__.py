"""The pygame front end. It talks to the engine only through the `game` API."""
